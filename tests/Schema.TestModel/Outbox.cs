using System;
using System.Net;
using System.Text.Json;
using Schemata;

namespace Schemata.TestModel;

/// <summary>An outbox in its own PostgreSQL schema, with a partial index and a GIN index.</summary>
[Table("outbox", Schema = "messaging")]
[Index(nameof(CreatedAt), Filter = "published_at IS NULL", Name = "ix_outbox_unpublished")]
[Index(nameof(Payload), Method = "gin")]
public sealed class OutboxMessage
{
    [Identity]
    public long Id { get; set; }

    [MaxLength(100)]
    public required string AggregateType { get; set; }

    public Guid AggregateId { get; set; }

    public required JsonDocument Payload { get; set; }

    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>An audit log with an identity key, an inet column and a jsonb column named metadata.</summary>
[Table("audit_log")]
[Check("action <> ''")]
public sealed class AuditLogEntry
{
    public long Id { get; set; }

    public required string Action { get; set; }

    public IPAddress? IpAddress { get; set; }

    [Column("metadata")]
    public JsonDocument? Details { get; set; }

    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }
}
