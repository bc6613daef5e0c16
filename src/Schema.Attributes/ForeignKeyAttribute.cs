using System;

namespace Schemata;

/// <summary>
/// Makes the property reference the primary key of another entity:
/// <c>[ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ForeignKeyAttribute : Attribute
{
    /// <summary>References the key of <paramref name="principal"/>, an entity class.</summary>
    public ForeignKeyAttribute(Type principal) => Principal = principal;

    /// <summary>The referenced entity.</summary>
    public Type Principal { get; }

    /// <summary>What happens to this row when the referenced row is deleted.</summary>
    public ReferentialAction OnDelete { get; set; }

    /// <summary>What happens to this row when the referenced key changes.</summary>
    public ReferentialAction OnUpdate { get; set; }

    /// <summary>
    /// When both entities are soft-deletable, soft-deleting the referenced row soft-deletes this one
    /// in the same transaction (and restoring it restores this one).
    /// </summary>
    public bool CascadeSoftDelete { get; set; }

    /// <summary>An explicit constraint name instead of <c>fk_</c> + table + columns.</summary>
    public string? Name { get; set; }
}
