namespace Schemata;

/// <summary>
/// The phases of an apply, in the order they run. Each phase's statements run under a short lock timeout, and only
/// <see cref="Change"/> holds locks that block writers, for catalog-only changes.
/// </summary>
public enum ApplyPhase
{
    /// <summary>New enum values, committed in a transaction of their own before anything may use them.</summary>
    AddEnumValues,

    /// <summary>
    /// One short transaction of catalog changes: new schemas, types and tables (with everything on them), columns,
    /// defaults, renames, drops, grants, and constraints added to existing tables <c>NOT VALID</c>. Retried whole when a
    /// lock is not granted in time; records the history row.
    /// </summary>
    Change,

    /// <summary>Declared data steps, in order, each in batches of short transactions.</summary>
    DataSteps,

    /// <summary>Indexes on existing tables built <c>CONCURRENTLY</c>, outside any transaction; writers go on.</summary>
    BuildIndexes,

    /// <summary><c>VALIDATE CONSTRAINT</c>, each in a transaction of its own; writers go on.</summary>
    Validate,

    /// <summary>
    /// One short transaction that finishes what the phases before prepared: <c>SET NOT NULL</c> proven by a validated
    /// check, unique constraints over their new indexes, replaced indexes swapped in.
    /// </summary>
    Complete,
}
