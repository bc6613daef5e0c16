using System.Collections.Generic;

namespace Schemata;

/// <summary>An index of a <see cref="TableModel"/>.</summary>
/// <param name="name">The index name.</param>
/// <param name="columns">The indexed columns, in order.</param>
/// <param name="isUnique">Whether the index is unique.</param>
/// <param name="method">The access method, e.g. <c>btree</c>.</param>
/// <param name="filter">The predicate of a partial index, if any.</param>
/// <param name="createSql">The <c>CREATE INDEX</c> statement.</param>
public sealed class IndexModel(string name, IReadOnlyList<string> columns, bool isUnique, string method, string? filter, string createSql)
{
    /// <summary>The index name.</summary>
    public string Name { get; } = name;

    /// <summary>The indexed columns, in order.</summary>
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Whether the index is unique.</summary>
    public bool IsUnique { get; } = isUnique;

    /// <summary>The access method, e.g. <c>btree</c> or <c>gin</c>.</summary>
    public string Method { get; } = method;

    /// <summary>The predicate of a partial index, if any.</summary>
    public string? Filter { get; } = filter;

    /// <summary>The <c>CREATE INDEX</c> statement.</summary>
    public string CreateSql { get; } = createSql;
}
