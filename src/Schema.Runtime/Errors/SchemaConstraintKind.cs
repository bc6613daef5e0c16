namespace Schemata;

/// <summary>Which kind of declared rule a write broke.</summary>
public enum SchemaConstraintKind
{
    /// <summary>A unique constraint or unique index: a row with the same values already exists (SQLSTATE 23505).</summary>
    Unique,

    /// <summary>A foreign key: the referenced row does not exist, or a row is still referenced (SQLSTATE 23503).</summary>
    ForeignKey,

    /// <summary>A check constraint (SQLSTATE 23514).</summary>
    Check,

    /// <summary>A NOT NULL column received NULL (SQLSTATE 23502).</summary>
    NotNull,

    /// <summary>An exclusion constraint (SQLSTATE 23P01).</summary>
    Exclusion,
}
