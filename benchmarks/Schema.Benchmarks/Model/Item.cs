using System;
using Schemata;

namespace Schemata.Benchmarks.Model;

/// <summary>The read scenarios' row: ten columns of the common types, 100,000 rows seeded once.</summary>
[Table("items")]
public sealed class Item
{
    public long Id { get; set; }

    [MaxLength(100)]
    public string Name { get; set; } = string.Empty;

    [MaxLength(320)]
    public string Email { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public double Score { get; set; }

    [Precision(12, 2)]
    public decimal Price { get; set; }

    public bool IsActive { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public Guid Reference { get; set; }

    public string? Note { get; set; }
}
