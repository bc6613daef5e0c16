namespace Schemata;

/// <summary>
/// The phases of an apply, in the order they run. Statements whose lock blocks writers (<see cref="Change"/>, the
/// helper checks of <see cref="DataSteps"/>, <see cref="Complete"/>) are catalog-only and run under the short lock
/// timeout; index builds and validations, whose locks let writers go on, run under the long statement timeout.
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

    /// <summary>Declared data steps, in order, each in batches of short transactions; then fills of NULLs before a NOT NULL.</summary>
    DataSteps,

    /// <summary>Indexes on existing tables built <c>CONCURRENTLY</c>, outside any transaction; writers go on.</summary>
    BuildIndexes,

    /// <summary><c>VALIDATE CONSTRAINT</c>, each in a transaction of its own; writers go on.</summary>
    Validate,

    /// <summary>
    /// Short transactions, one per change, that finish what the phases before prepared: <c>SET NOT NULL</c> proven by a
    /// validated check, unique constraints over their new indexes, replaced indexes swapped in.
    /// </summary>
    Complete,
}
