using System;

namespace Schemata;

/// <summary>
/// A ready base for entities: a <see cref="Guid"/> key that the database fills with <c>gen_random_uuid()</c>,
/// and <c>created_at</c> / <c>updated_at</c> set by the database clock.
/// </summary>
public abstract class Entity
{
    /// <summary>The primary key; left empty on insert, the database assigns it.</summary>
    [Key]
    public Guid Id { get; set; }

    /// <summary>When the row was inserted (database clock).</summary>
    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the row was last updated (database clock).</summary>
    [UpdatedAt]
    public DateTimeOffset UpdatedAt { get; set; }
}
