using System.Text.Json;
using Schemata;

namespace Workflows.Models;

/// <summary>
/// The transactional outbox: written in the same transaction as the change it announces, published later. The
/// partial index holds only unpublished rows, in the order a publisher reads them, so it stays small however many
/// rows have been published.
/// </summary>
[Table("outbox")]
[Index(nameof(CreatedAt), Filter = "published_at IS NULL", Name = "ix_outbox_unpublished")]
public sealed class OutboxMessage
{
    [Key]
    public Guid Id { get; set; }

    [MaxLength(100)]
    public required string AggregateType { get; set; }

    public Guid AggregateId { get; set; }

    [MaxLength(100)]
    public required string EventType { get; set; }

    public required JsonDocument Payload { get; set; }

    [CreatedAt]
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
