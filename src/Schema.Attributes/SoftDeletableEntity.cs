using System;

namespace Schemata;

/// <summary>
/// An <see cref="Entity"/> whose deletes are soft: <c>deleted_at</c> is NULL while the row is live.
/// Generated reads hide deleted rows unless asked.
/// </summary>
[SoftDelete]
public abstract class SoftDeletableEntity : Entity
{
    /// <summary>When the row was soft-deleted, or <see langword="null"/> while it is live.</summary>
    [DeletedAt]
    public DateTimeOffset? DeletedAt { get; set; }
}
