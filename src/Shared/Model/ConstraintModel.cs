using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>A constraint of a <see cref="TableModel"/>.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Kind">Primary key, foreign key, unique or check.</param>
/// <param name="Columns">The constrained columns; for a check, the columns it was declared on (empty for a table-level check).</param>
/// <param name="Expression">A check constraint's boolean expression, as SQL.</param>
/// <param name="References">What a foreign key references.</param>
/// <param name="AllowedValues">For the check of an enum stored as text: the values it allows, so that removing one is known to be destructive.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record ConstraintModel(
    string Name, ConstraintKind Kind, IReadOnlyList<string> Columns, string? Expression = null, ForeignKeyReference? References = null, IReadOnlyList<string>? AllowedValues = null)
{
    /// <summary>The definition after <c>CONSTRAINT name</c>, e.g. <c>UNIQUE ("email")</c>.</summary>
    public string Definition => Ddl.ConstraintDefinition(this);
}
