using System;

namespace Schemata.Benchmarks.Peers;

/// <summary>
/// What Dapper.AOT reads <c>items</c> into. The same ten columns as <see cref="Model.Item"/> except that
/// <c>placed_at</c> is a <see cref="DateTime"/>: Dapper.AOT 1.1 reads values with <c>GetValue</c> and
/// <c>Convert.ChangeType</c>, which cannot turn Npgsql's DateTime for timestamptz into a DateTimeOffset
/// (InvalidCastException; Dapper.AOT issue 141, open).
/// </summary>
public sealed class ItemAotRow
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public double Score { get; set; }

    public decimal Price { get; set; }

    public bool IsActive { get; set; }

    public DateTime PlacedAt { get; set; }

    public Guid Reference { get; set; }

    public string? Note { get; set; }
}
