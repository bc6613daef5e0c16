using System;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>Deterministic row values, the same for every contender.</summary>
public static class Rows
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Item Item(int i) => new()
    {
        Name = "name " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Email = "user" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@example.com",
        Quantity = i % 1000,
        Score = i * 0.25,
        Price = (i % 10_000) / 100m,
        IsActive = i % 3 != 0,
        PlacedAt = Epoch.AddSeconds(i),
        Reference = new Guid(i, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8),
        Note = i % 4 == 0 ? null : "note",
    };

    public static ItemWrite Write(int i) => new()
    {
        Name = "name " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Email = "user" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@example.com",
        Quantity = i % 1000,
        Score = i * 0.25,
        Price = (i % 10_000) / 100m,
        IsActive = i % 3 != 0,
        PlacedAt = Epoch.AddSeconds(i),
        Reference = new Guid(i, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8),
        Note = i % 4 == 0 ? null : "note",
    };

    public static ItemWrite[] Writes(int count)
    {
        var rows = new ItemWrite[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = Write(i);
        }

        return rows;
    }
}
