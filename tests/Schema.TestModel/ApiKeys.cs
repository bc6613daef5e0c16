using System;
using Schemata;

namespace Schemata.TestModel;

/// <summary>Soft-deleted together with its user (and restored with it).</summary>
[Table("api_keys")]
[Index(nameof(UserId))]
public sealed class ApiKey : SoftDeletableEntity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade, CascadeSoftDelete = true)]
    public Guid UserId { get; set; }

    [MaxLength(64)]
    public required string Label { get; set; }
}

/// <summary>A third level: soft-deleted when its key is, and so when the key's user is.</summary>
[Table("api_key_scopes")]
public sealed class ApiKeyScope : SoftDeletableEntity
{
    [ForeignKey(typeof(ApiKey), OnDelete = ReferentialAction.Cascade, CascadeSoftDelete = true)]
    public Guid ApiKeyId { get; set; }

    public required string Scope { get; set; }
}
