namespace Schemata;

/// <summary>Which rows of a soft-deletable table a read sees.</summary>
public enum DeletedRows
{
    /// <summary>Live rows only (<c>deleted_at IS NULL</c>): the default everywhere.</summary>
    Exclude,

    /// <summary>Live and soft-deleted rows.</summary>
    Include,

    /// <summary>Soft-deleted rows only.</summary>
    Only,
}
