#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>
/// Privileges the model grants a role: on one table (<c>[Grant]</c> on an entity), or on every table of the model
/// together with <c>USAGE</c> on their schemas and default privileges for tables created later
/// (<c>[assembly: Grant]</c>).
/// </summary>
/// <param name="Role">The role that receives the privileges; it must exist.</param>
/// <param name="Privileges">The table privileges granted.</param>
/// <param name="Schema">The table's schema, for a grant on one table; <see langword="null"/> for the current one.</param>
/// <param name="Table">The table, for a grant on one table; <see langword="null"/> for every table of the model.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record GrantModel(string Role, TablePrivileges Privileges, string? Schema = null, string? Table = null)
{
    /// <summary>Whether the grant covers every table of the model, their schemas and tables created later.</summary>
    public bool IsModelWide => Table is null;
}
