// Compiled into the generator as well (internal there), so the generator and the runtime share one schema model.
#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>What the database does to referencing rows when the referenced row is deleted or its key changes.</summary>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
enum ReferentialAction
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
