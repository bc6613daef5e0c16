using Schemata;

namespace Workflows.Models;

/// <summary>A user; the e-mail is unique.</summary>
[Table("users")]
[Index(nameof(Email), Unique = true)]
public sealed class User : Entity
{
    [MaxLength(320)]
    public required string Email { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }

    public UserRole Role { get; set; } = UserRole.Viewer;
}

/// <summary>An API key, stored as a hash; deleted with its user (ON DELETE CASCADE).</summary>
[Table("api_keys")]
[Index(nameof(KeyHash), Unique = true)]
[Index(nameof(UserId))]
public sealed class ApiKey : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }

    [MaxLength(12)]
    public required string Prefix { get; set; }

    [MaxLength(128)]
    public required string KeyHash { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
