using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>A native PostgreSQL enum type of the model.</summary>
/// <param name="Schema">The PostgreSQL schema, or <see langword="null"/> for the current one.</param>
/// <param name="Name">The type name.</param>
/// <param name="Values">The labels, in order.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record EnumTypeModel(string? Schema, string Name, IReadOnlyList<string> Values)
{
    /// <summary>The quoted, schema-qualified name used in SQL.</summary>
    public string QualifiedName => Sql.Qualify(Schema, Name);
}
