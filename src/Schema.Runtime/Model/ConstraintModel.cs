using System.Collections.Generic;

namespace Schemata;

/// <summary>A constraint of a <see cref="TableModel"/>.</summary>
/// <param name="name">The constraint name.</param>
/// <param name="kind">Primary key, foreign key, unique or check.</param>
/// <param name="columns">The constrained columns (empty for a table-level check).</param>
/// <param name="definition">The definition, e.g. <c>UNIQUE ("email")</c>.</param>
public sealed class ConstraintModel(string name, ConstraintKind kind, IReadOnlyList<string> columns, string definition)
{
    /// <summary>The constraint name.</summary>
    public string Name { get; } = name;

    /// <summary>Primary key, foreign key, unique or check.</summary>
    public ConstraintKind Kind { get; } = kind;

    /// <summary>The constrained columns (empty for a table-level check).</summary>
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>The definition, e.g. <c>UNIQUE ("email")</c>.</summary>
    public string Definition { get; } = definition;
}
