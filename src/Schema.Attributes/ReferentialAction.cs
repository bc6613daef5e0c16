namespace Schemata;

/// <summary>What the database does to referencing rows when the referenced row is deleted or its key changes.</summary>
public enum ReferentialAction
{
    /// <summary>Refuse the change at the end of the statement (PostgreSQL's default).</summary>
    NoAction = 0,

    /// <summary>Refuse the change at once.</summary>
    Restrict = 1,

    /// <summary>Delete (or update) the referencing rows too.</summary>
    Cascade = 2,

    /// <summary>Set the referencing columns to NULL.</summary>
    SetNull = 3,

    /// <summary>Set the referencing columns to their defaults.</summary>
    SetDefault = 4,
}
