using System.Net;
using System.Text.Json;
using Schemata;

namespace DocuVault.Models;

/// <summary>
/// The audit trail: an integer identity key (a sequence the app role must be allowed to use), the client's address
/// as <c>inet</c> and free-form details in a <c>jsonb</c> column named <c>metadata</c>.
/// </summary>
[Table("audit_log")]
[Index(nameof(UserId), nameof(CreatedAt))]
public sealed class AuditLog
{
    [Key]
    [Identity]
    public int Id { get; set; }

    [ForeignKey(typeof(User), OnDelete = ReferentialAction.SetNull)]
    public Guid? UserId { get; set; }

    [Length(1, 100)]
    public required string Action { get; set; }

    public IPAddress? IpAddress { get; set; }

    public JsonDocument? Metadata { get; set; }

    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A linked cloud drive; the credentials are stored encrypted.</summary>
[Table("cloud_connections")]
[Index(nameof(UserId))]
public sealed class CloudConnection : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [MaxLength(50)]
    public required string Provider { get; set; }

    public required byte[] CredentialsEnc { get; set; }
}
