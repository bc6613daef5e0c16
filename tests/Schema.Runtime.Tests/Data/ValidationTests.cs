using System;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Declared rules are checked in generated code; a refused entity sends nothing.</summary>
public sealed class ValidationTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    public static TheoryData<string, Action<AllTypes>, string, string> Broken() => new()
    {
        { "Text", row => row.Text = null!, "AllTypes.Text is required (column all_types.text is NOT NULL) but is null.", "" },
        { "Tags", row => row.Tags = null!, "AllTypes.Tags is required", "" },
        { "Varchar", row => row.Varchar = new string('x', 51), "AllTypes.Varchar is 51 characters long; at most 50 are allowed (column all_types.varchar).", "" },
        { "Varchar", row => row.Varchar = string.Concat(System.Linq.Enumerable.Repeat("😀", 51)), "is 51 characters long", "" },
        { "Bounded", row => row.Bounded = "a", "AllTypes.Bounded is 1 characters long; at least 2 are required (column all_types.bounded).", "" },
        { "Bounded", row => row.Bounded = "12345678901", "at most 10", "" },
        { "Amount", row => row.Amount = -10_000_000_000m, "does not fit numeric(12,2)", "" },
        { "Amount", row => row.Amount = 1.005m, "AllTypes.Amount is 1.005, which has 3 digits after the point; numeric(12,2) keeps 2 (column all_types.amount)", "" },
        { "Amount", row => row.Amount = 9_999_999_999.994m, "has 3 digits after the point", "" },
        { "Element", row => row.Element = default, "AllTypes.Element is required", "" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_entity_is_refused_with_entity_property_value_and_limit(string property, Action<AllTypes> breakIt, string message, string unused)
    {
        _ = unused;
        var row = Valid();
        breakIt(row);
        await using var session = await db.BeginAsync();

        var insert = await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().InsertAsync(row));
        var upsert = await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().UpsertAsync(row));
        var copy = await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().InsertManyAsync([Valid(), row]));

        Assert.Equal(("AllTypes", property), (insert.Entity, insert.Property));
        Assert.Contains(message, insert.Message, StringComparison.Ordinal);
        Assert.Equal(insert.Message, upsert.Message);
        Assert.Equal(insert.Message, copy.Message);
        await using var check = await db.BeginAsync();
        Assert.Equal(0L, await check.AllTypes().CountAsync());
    }

    [Fact]
    public async Task Exactly_at_the_limits_is_accepted()
    {
        var row = Valid();
        row.Varchar = new string('x', 50);
        row.Bounded = "12";
        row.Amount = 9_999_999_999.99m;
        await using var session = await db.BeginAsync();

        await session.AllTypes().InsertAsync(row);

        Assert.Equal(9_999_999_999.99m, (await session.AllTypes().GetAsync(row.Id))!.Amount);
    }

    [Fact]
    public async Task Trailing_zeros_past_the_scale_are_no_digits_and_the_entity_keeps_what_is_stored()
    {
        var row = Valid();
        row.Amount = 1.500000m;
        await using var session = await db.BeginAsync();

        await session.AllTypes().InsertAsync(row);

        Assert.Equal(row.Amount, (await session.AllTypes().GetAsync(row.Id))!.Amount);
    }

    [Fact]
    public async Task Update_refuses_excess_scale_and_leaves_the_row_as_it_was()
    {
        await using var session = await db.BeginAsync();
        var row = Valid();
        row.Amount = 1.25m;
        await session.AllTypes().InsertAsync(row);
        row.Amount = 1.255m;

        var error = await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().UpdateAsync(row));

        Assert.Contains("3 digits after the point", error.Message, StringComparison.Ordinal);
        Assert.Equal(1.25m, (await session.AllTypes().GetAsync(row.Id))!.Amount);
    }

    [Fact]
    public async Task Update_validates_too_and_leaves_the_row_as_it_was()
    {
        await using var session = await db.BeginAsync();
        var row = await session.AllTypes().InsertAsync(Valid());
        row.Varchar = new string('x', 60);

        await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.AllTypes().UpdateAsync(row));

        Assert.Equal("v", (await session.AllTypes().GetAsync(row.Id))!.Varchar);
    }

    private static AllTypes Valid() => new() { Text = "t", Varchar = "v", Bounded = "ab", Tags = [], Element = System.Text.Json.JsonDocument.Parse("{}").RootElement };
}
