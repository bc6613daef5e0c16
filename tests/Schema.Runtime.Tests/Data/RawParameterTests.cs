using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Every value an entity can hold is a typed raw-SQL parameter: <c>{value}</c> means what the column holds.</summary>
public sealed class RawParameterTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    private static AllTypes Full() => new()
    {
        Text = "plain",
        NullableText = "maybe",
        Varchar = "v",
        Bounded = "ab",
        SmallNumber = 7,
        Number = -8,
        BigNumber = long.MaxValue,
        NullableNumber = 9,
        Counter = 10,
        Flag = true,
        Enabled = false,
        NullableFlag = true,
        Amount = 12.34m,
        Ratio = 0.5m,
        Real64 = Math.PI,
        Real32 = 1.5f,
        At = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(5.5)),
        NullableAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(-3)),
        UtcAt = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc),
        Day = new DateOnly(1999, 12, 31),
        TimeOfDay = new TimeOnly(23, 59, 59),
        Duration = TimeSpan.FromMinutes(90),
        Blob = [0, 1, 255],
        Priority = Priority.VeryHigh,
        NullablePriority = Priority.Low,
        State = TicketState.InProgress,
        Document = JsonDocument.Parse("""{"a":[1,2]}"""),
        Element = JsonDocument.Parse("[1, \"two\"]").RootElement,
        RawJson = """{"raw": true}""",
        Preferences = new Preferences { Theme = "light", PageSize = 50 },
        Address = IPAddress.Parse("2001:db8::1"),
        Numbers = [1, 2],
        Tags = ["a", "b \"quoted\" \\ back"],
        Related = [Guid.NewGuid()],
        Priorities = [Priority.High, Priority.VeryHigh],
        Overridden = "z",
    };

    [Fact]
    public async Task Every_property_of_an_entity_finds_its_row_as_a_raw_parameter()
    {
        var row = Full();
        await using (var insert = await db.BeginAsync())
        {
            await insert.AllTypes().InsertAsync(row);
            await insert.CommitAsync();
        }

        var id = row.Id;
        var probes = new (string Column, Func<SchemaSession, ValueTask<long?>> Count)[]
        {
            ("text", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND text = {row.Text}")),
            ("nullable_text", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND nullable_text = {row.NullableText}")),
            ("varchar", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND varchar = {row.Varchar}")),
            ("small_number", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND small_number = {row.SmallNumber}")),
            ("number", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND number = {row.Number}")),
            ("big_number", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND big_number = {row.BigNumber}")),
            ("nullable_number", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND nullable_number = {row.NullableNumber}")),
            ("flag", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND flag = {row.Flag}")),
            ("nullable_flag", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND nullable_flag = {row.NullableFlag}")),
            ("amount", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND amount = {row.Amount}")),
            ("ratio", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND ratio = {row.Ratio}")),
            ("real64", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND real64 = {row.Real64}")),
            ("real32", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND real32 = {row.Real32}")),
            ("at", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND at = {row.At}")),
            ("nullable_at", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND nullable_at = {row.NullableAt}")),
            ("utc_at", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND utc_at = {row.UtcAt}")),
            ("day", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND day = {row.Day}")),
            ("time_of_day", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND time_of_day = {row.TimeOfDay}")),
            ("duration", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND duration = {row.Duration}")),
            ("blob", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND blob = {row.Blob}")),
            ("priority", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND priority = {row.Priority}")),
            ("nullable_priority", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND nullable_priority = {row.NullablePriority}")),
            ("state", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND state = {row.State}")),
            ("document", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND document = {row.Document}")),
            ("element", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND element = {row.Element}")),
            ("preferences", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND preferences = {row.Preferences}")),
            ("address", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND address = {row.Address}")),
            ("numbers", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND numbers = {row.Numbers}")),
            ("tags", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND tags = {row.Tags}")),
            ("related", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND related = {row.Related}")),
            ("priorities", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND priorities = {row.Priorities}")),
            ("renamed_column", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND renamed_column = {row.Overridden}")),

            // A [Jsonb] string is text in C#: the SQL says it is JSON.
            ("raw_json", session => session.ScalarAsync<long?>($"SELECT count(*) FROM all_types WHERE id = {id} AND raw_json = {row.RawJson}::jsonb")),
        };

        var failures = new List<string>();
        foreach (var (column, count) in probes)
        {
            await using var session = await db.BeginAsync();
            try
            {
                var found = await count(session);
                if (found != 1)
                {
                    failures.Add($"{column}: found {found}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{column}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Enum_and_json_parameters_work_in_writes_lists_and_as_null()
    {
        await using var session = await db.BeginAsync();
        var row = await session.AllTypes().InsertAsync(Full());
        var document = await session.Documents().InsertAsync(new Document { Title = "native enum", Priority = Priority.High });
        var preferences = new Preferences { Theme = "sepia", PageSize = 7 };
        var none = (Priority?)null;
        var priorities = new List<Priority> { Priority.Low, Priority.High };

        var changed = await session.ExecuteAsync($"UPDATE all_types SET priority = {Priority.Low}, state = {TicketState.Closed}, preferences = {preferences}, nullable_priority = {none} WHERE id = {row.Id}");
        var read = (await session.AllTypes().GetAsync(row.Id))!;
        var listed = await session.QueryAsync(DocumentReader.Instance, $"SELECT * FROM documents WHERE priority = ANY({priorities}) AND id = {document.Id}");

        Assert.Equal(1, changed);
        Assert.Equal((Priority.Low, TicketState.Closed, (Priority?)null), (read.Priority, read.State, read.NullablePriority));
        Assert.Equal(("sepia", 7), (read.Preferences!.Theme, read.Preferences.PageSize));
        Assert.Equal(document.Id, Assert.Single(listed).Id);
        Assert.Equal(1L, await session.ScalarAsync<long>($"SELECT count(*) FROM all_types WHERE id = {row.Id} AND nullable_priority IS NOT DISTINCT FROM {none}"));
    }

    [Fact]
    public async Task An_enum_value_without_a_label_fails_through_the_task_and_nothing_is_written()
    {
        await using var session = await db.BeginAsync();
        var row = await session.AllTypes().InsertAsync(Full());

        var pending = session.ExecuteAsync($"UPDATE all_types SET text = 'changed', priority = {(Priority)42} WHERE id = {row.Id}");
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pending.AsTask());

        Assert.Contains("Priority has no database label", error.Message, StringComparison.Ordinal);
        Assert.Equal("plain", (await session.AllTypes().GetAsync(row.Id))!.Text);
    }

    [Fact]
    public async Task An_enum_the_generator_does_not_map_is_refused_with_a_clear_error_through_the_task()
    {
        await using var session = await db.BeginAsync();

        var pending = session.ScalarAsync<long>($"SELECT count(*) FROM all_types WHERE text = {Unmapped.Some}");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pending.AsTask());

        Assert.Contains("Unmapped has no database labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("[DbEnum]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await session.ScalarAsync<int>($"SELECT 1"));
    }

    private enum Unmapped
    {
        Some,
    }
}
