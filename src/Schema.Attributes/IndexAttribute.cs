using System;

namespace Schemata;

/// <summary>
/// Declares an index. On a class, name the properties (<c>[Index(nameof(UserId), nameof(CreatedAt))]</c>);
/// on a property, the index covers that property. Named <c>ix_</c>/<c>uq_</c> + table + columns unless <see cref="Name"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class IndexAttribute : Attribute
{
    /// <summary>Indexes the given properties, in order (empty on a property: that property).</summary>
    public IndexAttribute(params string[] properties) => Properties = properties ?? Array.Empty<string>();

    /// <summary>The indexed properties, in order.</summary>
    public string[] Properties { get; }

    /// <summary>Makes the index unique.</summary>
    public bool Unique { get; set; }

    /// <summary>A SQL predicate that makes the index partial, e.g. <c>"published_at IS NULL"</c>.</summary>
    public string? Filter { get; set; }

    /// <summary>The access method (<c>btree</c>, <c>hash</c>, <c>gin</c>, <c>gist</c>, <c>brin</c>); btree when not set.</summary>
    public string? Method { get; set; }

    /// <summary>An explicit index name instead of the convention.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// On a soft-deletable table, limits the index to live rows (<c>WHERE deleted_at IS NULL</c>), so a deleted
    /// row's value can be used again.
    /// </summary>
    public bool LiveRowsOnly { get; set; }
}
