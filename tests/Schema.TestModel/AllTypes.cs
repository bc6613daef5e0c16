using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using Schemata;

namespace Schemata.TestModel;

public sealed class Preferences
{
    public string Theme { get; set; } = "dark";

    public int PageSize { get; set; } = 20;
}

/// <summary>One property per row of the type-mapping table, non-nullable and nullable.</summary>
[Table("all_types")]
[Check("small_number >= 0", Name = "ck_all_types_small_number_positive")]
public sealed class AllTypes
{
    [Key]
    public Guid Id { get; set; }

    public required string Text { get; set; }

    public string? NullableText { get; set; }

    [MaxLength(50)]
    public required string Varchar { get; set; }

    [Length(2, 10)]
    public required string Bounded { get; set; }

    public short SmallNumber { get; set; }

    public int Number { get; set; }

    public long BigNumber { get; set; }

    public int? NullableNumber { get; set; }

    public int Counter { get; set; } = 5;

    public bool Flag { get; set; }

    public bool Enabled { get; set; } = true;

    public bool? NullableFlag { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public decimal Ratio { get; set; }

    public double Real64 { get; set; }

    public float Real32 { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTimeOffset? NullableAt { get; set; }

    public DateTime UtcAt { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly TimeOfDay { get; set; }

    public TimeSpan Duration { get; set; }

    public byte[]? Blob { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    public Priority? NullablePriority { get; set; }

    public TicketState State { get; set; }

    public JsonDocument? Document { get; set; }

    public JsonElement Element { get; set; }

    [Jsonb]
    public string? RawJson { get; set; }

    [Jsonb]
    public Preferences? Preferences { get; set; }

    public IPAddress? Address { get; set; }

    public int[]? Numbers { get; set; }

    public required string[] Tags { get; set; }

    public List<Guid>? Related { get; set; }

    public Priority[]? Priorities { get; set; }

    [Column("renamed_column", Type = "varchar(20)", Default = "'x'")]
    public string? Overridden { get; set; }

    [Ignore]
    public string Computed => Text + Varchar;

    [Ignore]
    public object? NotMapped { get; set; }
}
