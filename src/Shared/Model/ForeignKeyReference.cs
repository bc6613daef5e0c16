using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>What a foreign key references, and what happens to referencing rows.</summary>
/// <param name="Schema">The referenced table's schema, or <see langword="null"/> for the current one.</param>
/// <param name="Table">The referenced table.</param>
/// <param name="Columns">The referenced columns, in the order of the constraint's columns.</param>
/// <param name="OnDelete">What deleting a referenced row does.</param>
/// <param name="OnUpdate">What changing a referenced key does.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record ForeignKeyReference(string? Schema, string Table, IReadOnlyList<string> Columns, ReferentialAction OnDelete = ReferentialAction.NoAction, ReferentialAction OnUpdate = ReferentialAction.NoAction)
{
    /// <summary>The quoted, schema-qualified name of the referenced table.</summary>
    public string QualifiedTable => Sql.Qualify(Schema, Table);
}
