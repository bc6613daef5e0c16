using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Every mapped type written by the generated code and read back unchanged.</summary>
public sealed class RoundTripTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    private static AllTypes Sample() => new()
    {
        Text = "plain",
        Varchar = new string('v', 50),
        Bounded = "ab",
        Tags = [],
        Element = JsonDocument.Parse("{}").RootElement,
    };

    [Fact]
    public async Task Edge_values_round_trip()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(5.5));
        var row = Sample();
        row.Text = "";
        row.NullableText = "emoji 😀 and 𝄞 and ü";
        row.Varchar = string.Concat(Enumerable.Repeat("😀", 50));
        row.Bounded = "𝄞𝄞";
        row.SmallNumber = short.MaxValue;
        row.Number = int.MinValue;
        row.BigNumber = long.MaxValue;
        row.NullableNumber = 0;
        row.Counter = -1;
        row.Flag = true;
        row.Enabled = false;
        row.NullableFlag = false;
        row.Amount = 9_999_999_999.99m;
        row.Ratio = 1.000000000000000000000000001m;
        row.Real64 = Math.PI;
        row.Real32 = 1.5f;
        row.At = at;
        row.NullableAt = DateTimeOffset.UnixEpoch;
        row.UtcAt = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        row.Day = new DateOnly(1999, 12, 31);
        row.TimeOfDay = new TimeOnly(23, 59, 59, 999);
        row.Duration = TimeSpan.FromDays(3) + TimeSpan.FromMilliseconds(7);
        row.Blob = [0, 1, 2, 255];
        row.Priority = Priority.VeryHigh;
        row.NullablePriority = Priority.Low;
        row.State = TicketState.InProgress;
        row.Document = JsonDocument.Parse("""{"a":[1,2,{"b":null}],"c":"d"}""");
        row.Element = JsonDocument.Parse("[1, \"two\", true]").RootElement;
        row.RawJson = """{"raw": true}""";
        row.Preferences = new Preferences { Theme = "light", PageSize = 50 };
        row.Address = IPAddress.Parse("2001:db8::1");
        row.Numbers = [1, -2, int.MaxValue];
        row.Tags = ["a", "", "ü 😀"];
        row.Related = [Guid.NewGuid(), Guid.Empty];
        row.Priorities = [Priority.High, Priority.Low];
        row.Overridden = "z";

        await using var session = await db.BeginAsync();
        var inserted = await session.AllTypes().InsertAsync(row);
        Assert.NotEqual(Guid.Empty, inserted.Id);
        var read = await session.AllTypes().GetAsync(inserted.Id);

        Assert.NotNull(read);
        Assert.Equal(row.Text, read.Text);
        Assert.Equal(row.NullableText, read.NullableText);
        Assert.Equal(row.Varchar, read.Varchar);
        Assert.Equal(row.Bounded, read.Bounded);
        Assert.Equal(row.SmallNumber, read.SmallNumber);
        Assert.Equal(row.Number, read.Number);
        Assert.Equal(row.BigNumber, read.BigNumber);
        Assert.Equal(row.NullableNumber, read.NullableNumber);
        Assert.Equal(row.Counter, read.Counter);
        Assert.Equal((row.Flag, row.Enabled, row.NullableFlag), (read.Flag, read.Enabled, read.NullableFlag));
        Assert.Equal(row.Amount, read.Amount);
        Assert.Equal(row.Ratio, read.Ratio);
        Assert.Equal(row.Real64, read.Real64);
        Assert.Equal(row.Real32, read.Real32);
        Assert.Equal(at, read.At);
        Assert.Equal(at.UtcTicks, read.At.UtcTicks);
        Assert.Equal(row.NullableAt, read.NullableAt);
        Assert.Equal(row.UtcAt, read.UtcAt);
        Assert.Equal(DateTimeKind.Utc, read.UtcAt.Kind);
        Assert.Equal(row.Day, read.Day);
        Assert.Equal(row.TimeOfDay, read.TimeOfDay);
        Assert.Equal(row.Duration, read.Duration);
        Assert.Equal(row.Blob, read.Blob);
        Assert.Equal(row.Priority, read.Priority);
        Assert.Equal(row.NullablePriority, read.NullablePriority);
        Assert.Equal(row.State, read.State);
        Assert.Equal(JsonSerializer.Serialize(row.Document), JsonSerializer.Serialize(read.Document));
        Assert.Equal(JsonSerializer.Serialize(row.Element), JsonSerializer.Serialize(read.Element));
        Assert.Equal("""{"raw": true}""", read.RawJson);
        Assert.Equal(("light", 50), (read.Preferences!.Theme, read.Preferences.PageSize));
        Assert.Equal(row.Address, read.Address);
        Assert.Equal(row.Numbers, read.Numbers);
        Assert.Equal(row.Tags, read.Tags);
        Assert.Equal(row.Related, read.Related);
        Assert.Equal(row.Priorities, read.Priorities);
        Assert.Equal("z", read.Overridden);
    }

    [Fact]
    public async Task Nulls_and_database_defaults_round_trip()
    {
        var row = Sample();
        row.Element = JsonDocument.Parse("{}").RootElement;
        row.Address = IPAddress.Parse("192.168.0.1");

        await using var session = await db.BeginAsync();
        await session.AllTypes().InsertAsync(row);
        var read = (await session.AllTypes().GetAsync(row.Id))!;

        Assert.Null(read.NullableText);
        Assert.Null(read.NullableNumber);
        Assert.Null(read.NullableFlag);
        Assert.Null(read.NullableAt);
        Assert.Null(read.Blob);
        Assert.Null(read.NullablePriority);
        Assert.Null(read.Document);
        Assert.Null(read.RawJson);
        Assert.Null(read.Preferences);
        Assert.Null(read.Numbers);
        Assert.Null(read.Related);
        Assert.Null(read.Priorities);
        Assert.Null(read.Overridden);
        Assert.Equal(5, read.Counter);
        Assert.Equal(Priority.Medium, read.Priority);
        Assert.True(read.Enabled);
        Assert.Equal(IPAddress.Parse("192.168.0.1"), read.Address);
        Assert.Empty(read.Tags);
    }

    [Theory]
    [InlineData(Priority.Low)]
    [InlineData(Priority.Medium)]
    [InlineData(Priority.High)]
    [InlineData(Priority.VeryHigh)]
    public async Task Every_native_enum_value_round_trips(Priority priority)
    {
        await using var session = await db.BeginAsync();
        var row = Sample();
        row.Priority = priority;
        row.Priorities = [priority];
        await session.AllTypes().InsertAsync(row);

        var read = (await session.AllTypes().GetAsync(row.Id))!;
        Assert.Equal(priority, read.Priority);
        Assert.Equal([priority], read.Priorities);
        var label = await session.ScalarAsync<string>($"SELECT priority::text FROM all_types WHERE id = {row.Id}");
        Assert.Equal(priority switch { Priority.VeryHigh => "very_high", _ => priority.ToString().ToLowerInvariant() }, label);
    }

    [Theory]
    [InlineData(TicketState.Open, "open")]
    [InlineData(TicketState.InProgress, "in-progress")]
    [InlineData(TicketState.Closed, "closed")]
    public async Task Every_text_enum_value_round_trips_as_its_label(TicketState state, string label)
    {
        await using var session = await db.BeginAsync();
        var row = Sample();
        row.State = state;
        await session.AllTypes().InsertAsync(row);

        Assert.Equal(state, (await session.AllTypes().GetAsync(row.Id))!.State);
        Assert.Equal(label, await session.ScalarAsync<string>($"SELECT state FROM all_types WHERE id = {row.Id}"));
    }

    [Fact]
    public async Task An_unknown_label_in_the_database_names_enum_value_table_and_column()
    {
        await using (var setup = await db.BeginAsync())
        {
            await setup.ExecuteAsync($"ALTER TYPE priority ADD VALUE IF NOT EXISTS 'urgent'");
            await setup.CommitAsync();
        }

        await using var session = await db.BeginAsync();
        var row = Sample();
        await session.AllTypes().InsertAsync(row);
        await session.ExecuteAsync($"UPDATE all_types SET priority = 'urgent' WHERE id = {row.Id}");

        var error = await Assert.ThrowsAsync<SchemaDataException>(async () => await session.AllTypes().GetAsync(row.Id));
        Assert.Contains("Priority", error.Message, StringComparison.Ordinal);
        Assert.Contains("'urgent'", error.Message, StringComparison.Ordinal);
        Assert.Contains("all_types.priority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decimal_beyond_its_declared_precision_is_refused_before_sending()
    {
        await using var session = await db.BeginAsync();
        var row = Sample();
        row.Amount = 10_000_000_000m;

        var error = await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().InsertAsync(row));

        Assert.Equal(("AllTypes", "Amount"), (error.Entity, error.Property));
        Assert.Contains("numeric(12,2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await session.AllTypes().CountAsync());
    }
}
