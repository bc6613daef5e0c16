using Schemata;

namespace DocuVault.Models;

/// <summary>An account: handle and e-mail each unique under a named constraint, optional TOTP.</summary>
[Table("users")]
[Unique(nameof(Handle), Name = "uq_users_handle")]
[Unique(nameof(Email), Name = "uq_users_email")]
public sealed class User : Entity
{
    [Length(3, 50)]
    public required string Handle { get; set; }

    [MaxLength(320)]
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public string? TotpSecret { get; set; }

    public bool TotpEnabled { get; set; }

    [MaxLength(20)]
    public string Role { get; set; } = "user";

    public bool IsActive { get; set; } = true;
}

/// <summary>Storage quota, keyed by its user (a one-to-one table): 100 MB by default.</summary>
[Table("quotas")]
public sealed class Quota
{
    [Key]
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    public long LimitBytes { get; set; } = 104_857_600;

    public long UsedBytes { get; set; }

    [UpdatedAt]
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A refresh token, stored as a hash; looked up by user among the unrevoked.</summary>
[Table("refresh_tokens")]
[Unique(nameof(TokenHash), Name = "uq_refresh_tokens_token_hash")]
[Index(nameof(UserId), nameof(Revoked))]
public sealed class RefreshToken : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [MaxLength(128)]
    public required string TokenHash { get; set; }

    public bool Revoked { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A v2 stub kept for schema completeness: no rows yet.</summary>
[Table("groups")]
public sealed class Group
{
    [Key]
    public Guid Id { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }

    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }
}
