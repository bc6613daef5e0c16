#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>What one expanded grant applies to.</summary>
internal enum GrantObject
{
    /// <summary><c>USAGE</c> on a schema.</summary>
    SchemaUsage,

    /// <summary>Default privileges on tables the applying role creates later in a schema.</summary>
    FutureTables,

    /// <summary>Privileges on one table.</summary>
    Table,

    /// <summary>Default <c>USAGE, SELECT</c> on sequences the applying role creates later in a schema.</summary>
    FutureSequences,

    /// <summary><c>USAGE, SELECT</c> on the sequence of one of the model's identity columns.</summary>
    Sequence,
}

/// <summary>
/// One privilege a <see cref="GrantModel"/> gives, on one object: the unit the planner compares with the catalog and
/// the writer renders as one <c>GRANT</c> (or <c>REVOKE</c>).
/// </summary>
/// <param name="Object">What kind of object.</param>
/// <param name="Role">The role receiving the privileges.</param>
/// <param name="Privileges">The table privileges (none for schema usage and sequences, which always get <c>USAGE, SELECT</c>).</param>
/// <param name="Schema">The schema: of the table or sequence, or the one whose usage or default privileges are granted.</param>
/// <param name="Table">The table, for <see cref="GrantObject.Table"/>; the sequence, for <see cref="GrantObject.Sequence"/>.</param>
internal sealed record GrantTarget(GrantObject Object, string Role, TablePrivileges Privileges, string? Schema, string? Table)
{
    /// <summary>Whether the object is granted as a whole (schema usage, sequences) rather than privilege by privilege.</summary>
    public bool IsWhole => Object is GrantObject.SchemaUsage or GrantObject.Sequence or GrantObject.FutureSequences;
}
