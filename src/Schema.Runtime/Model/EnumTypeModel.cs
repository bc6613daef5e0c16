using System.Collections.Generic;

namespace Schemata;

/// <summary>A native PostgreSQL enum type of the model.</summary>
/// <param name="schema">The PostgreSQL schema, or <see langword="null"/> for the current one.</param>
/// <param name="name">The type name.</param>
/// <param name="values">The labels, in order.</param>
/// <param name="createSql">The <c>CREATE TYPE</c> statement.</param>
public sealed class EnumTypeModel(string? schema, string name, IReadOnlyList<string> values, string createSql)
{
    /// <summary>The PostgreSQL schema, or <see langword="null"/> for the current one.</summary>
    public string? Schema { get; } = schema;

    /// <summary>The type name.</summary>
    public string Name { get; } = name;

    /// <summary>The labels, in declaration order.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <summary>The <c>CREATE TYPE</c> statement.</summary>
    public string CreateSql { get; } = createSql;
}
