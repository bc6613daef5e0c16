using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Schemata.Tests.Apply;
using Schemata.Tests.Data;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Hardening;

/// <summary>
/// SQL-injection payloads through every string input: entity values (insert, COPY, update, upsert), find-by
/// arguments, raw-SQL interpolation, and names in attributes. Values must come back verbatim and touch nothing else;
/// names must either be rejected by the compiler or reach the catalog verbatim.
/// </summary>
public sealed class InjectionTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    [Fact]
    public async Task Payloads_in_entity_values_are_stored_verbatim_through_insert_copy_update_and_upsert()
    {
        await using var session = await db.BeginAsync();
        var users = session.ReservedUsers();
        var index = 0;
        foreach (var payload in Payloads.All)
        {
            var handle = $"insert-{index++}";
            var inserted = await users.InsertAsync(new ReservedUser { WeirdName = Trim(payload), WithSpace = payload, CamelCase = payload, Handle = handle });
            var read = await users.GetAsync(inserted.Id);
            Assert.Equal((Trim(payload), payload, payload), (read!.WeirdName, read.WithSpace, read.CamelCase));

            read.WithSpace = payload + payload;
            Assert.True(await users.UpdateAsync(read));
            Assert.Equal(payload + payload, (await users.GetAsync(inserted.Id))!.WithSpace);

            var upserted = await users.UpsertByHandleAsync(new ReservedUser { WeirdName = "w", WithSpace = payload, Handle = handle });
            Assert.Equal(inserted.Id, upserted.Id);
            Assert.Equal(payload, (await users.GetAsync(inserted.Id))!.WithSpace);

            var order = await session.Orders().InsertAsync(new Order { UserId = inserted.Id, Select = payload, TotalDue = 1m });
            Assert.Equal(payload, (await session.Orders().GetAsync(order.Id))!.Select);
        }

        var copied = Payloads.All.Select((payload, i) => new ReservedUser { WeirdName = Trim(payload), WithSpace = payload, CamelCase = "copy", Handle = "copy-" + payload });
        Assert.Equal((ulong)Payloads.All.Count, await users.InsertManyAsync(copied));
        var copiedBack = await users.ListByCamelCaseAsync("copy");
        Assert.Equal(Payloads.All.Order(StringComparer.Ordinal), copiedBack.Select(u => u.WithSpace!).Order(StringComparer.Ordinal));

        var emails = Payloads.All.Select((payload, i) => new User { Email = payload, DisplayName = payload }).ToList();
        await session.Users().InsertManyAsync(emails);
        await AssertNothingElseChangedAsync(session, expectedUsers: Payloads.All.Count);
    }

    [Fact]
    public async Task Payloads_as_find_by_arguments_match_only_the_row_that_holds_them()
    {
        await using var session = await db.BeginAsync();
        var bystander = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "bystander", CamelCase = "1", Handle = "1" });
        foreach (var payload in Payloads.All)
        {
            Assert.Null(await session.ReservedUsers().GetByHandleAsync(payload));
            Assert.Empty(await session.ReservedUsers().ListByCamelCaseAsync(payload));
            Assert.Null(await session.Users().GetByEmailAsync(payload));

            var holder = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "holder", CamelCase = payload, Handle = payload });
            await session.Users().InsertAsync(new User { Email = payload });
            Assert.Equal(holder.Id, (await session.ReservedUsers().GetByHandleAsync(payload))!.Id);
            Assert.Equal(holder.Id, Assert.Single(await session.ReservedUsers().ListByCamelCaseAsync(payload)).Id);
            Assert.Equal(payload, (await session.Users().GetByEmailAsync(payload))!.Email);
            Assert.True(await session.ReservedUsers().HardDeleteAsync(holder.Id));
        }

        Assert.NotNull(await session.ReservedUsers().GetAsync(bystander.Id));
        await AssertNothingElseChangedAsync(session, expectedUsers: Payloads.All.Count);
    }

    [Fact]
    public async Task Payloads_interpolated_into_raw_sql_are_parameters_never_text()
    {
        await using var session = await db.BeginAsync();
        foreach (var payload in Payloads.All)
        {
            SqlInterpolation sql = $"SELECT {payload}::text";
            Assert.Equal("SELECT $1::text", sql.Sql);
            Assert.Equal(payload, await session.ScalarAsync<string>($"SELECT {payload}::text"));
            Assert.Equal(payload.Length, await session.ScalarAsync<int>($"SELECT char_length({payload})"));

            Assert.Equal(1, await session.ExecuteAsync($"INSERT INTO users (email, display_name) VALUES ({payload}, {payload})"));
            var found = await session.QueryAsync(UserReader.Instance, $"SELECT * FROM users WHERE email = {payload} AND display_name = {payload}");
            Assert.Equal(payload, Assert.Single(found).DisplayName);
            Assert.Equal(1, await session.ExecuteAsync($"UPDATE users SET display_name = {payload + "!"} WHERE email = {payload}"));
            Assert.Equal(payload + "!", (await session.StreamAsync(UserReader.Instance, $"SELECT * FROM users WHERE email = {payload}").SingleAsync()).DisplayName);
        }

        await AssertNothingElseChangedAsync(session, expectedUsers: Payloads.All.Count);
    }

    [Fact]
    public async Task Hostile_names_in_attributes_are_rejected_by_the_compiler_or_reach_the_catalog_verbatim()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["@TABLE@"] = "victim\"; DROP TABLE victim; --",
            ["@SCHEMA@"] = "s'); DROP TABLE victim; --",
            ["@COLUMN@"] = "c\" text); DROP TABLE victim; --",
            ["@INDEX@"] = "ix\"; DROP TABLE victim; --",
            ["@FK@"] = "fk' ; DROP TABLE victim",
            ["@ENUM@"] = "mood\"; DROP TABLE victim; --",
            ["@LABEL@"] = "it's'); DROP TABLE victim; --",
        };
        var source = """
            namespace Hostile;

            [DbEnum(@ENUM@)] public enum Mood { [DbEnumValue(@LABEL@)] Happy, Sad }

            [Table(@TABLE@, Schema = @SCHEMA@)]
            [Index(nameof(Name), Name = @INDEX@)]
            public sealed class Thing
            {
                public long Id { get; set; }
                [Column(@COLUMN@)] public required string Name { get; set; }
                public Mood Mood { get; set; }
            }

            [Table("child")]
            public sealed class Child
            {
                public long Id { get; set; }
                [ForeignKey(typeof(Thing), Name = @FK@)] public long ThingId { get; set; }
            }
            """;
        foreach (var (slot, name) in names)
        {
            source = source.Replace(slot, Literal(name), StringComparison.Ordinal);
        }

        SchemaModel model;
        try
        {
            model = ModelCompiler.Compile(source);
        }
        catch (InvalidOperationException rejected)
        {
            // Rejected at compile time is an acceptable outcome, but only through the diagnostics catalog.
            Assert.Contains("SCH", rejected.Message, StringComparison.Ordinal);
            return;
        }

        await using var database = await MigrationDatabase.CreateAsync();
        await database.ExecuteAsync("CREATE TABLE victim (v int); INSERT INTO victim VALUES (1)");
        await model.ApplyAsync(database.Database);

        Assert.Equal(1, await database.QueryAsync<int>("SELECT v FROM victim"));
        var catalog = await database.QueryAsync<string[]>("""
            SELECT array_agg(name) FROM (
                SELECT nspname AS name FROM pg_namespace
                UNION ALL SELECT relname FROM pg_class
                UNION ALL SELECT attname FROM pg_attribute
                UNION ALL SELECT conname FROM pg_constraint
                UNION ALL SELECT typname FROM pg_type
                UNION ALL SELECT enumlabel FROM pg_enum) n
            """);
        foreach (var (slot, name) in names)
        {
            Assert.True(catalog.Contains(name, StringComparer.Ordinal), $"The {slot} name from the attribute is not in pg_catalog verbatim: {name}");
        }

        var plan = await SchemaApplier.PlanAsync(model, database.Database, default);
        Assert.True(plan.Changes.Count == 0, "pg_catalog differs from the model for: " + string.Join("; ", plan.Changes));
    }

    /// <summary>The tables of the model are all still there and no payload deleted or rewrote a row it did not own.</summary>
    private static async Task AssertNothingElseChangedAsync(SchemaSession session, int expectedUsers)
    {
        Assert.Equal(expectedUsers, await session.ScalarAsync<long>($"SELECT count(*) FROM users"));
        foreach (var table in new[] { "users", "\"user\"", "\"order\"", "documents", "schema_history" })
        {
            Assert.True(await session.ScalarAsync<bool>($"SELECT to_regclass({table}) IS NOT NULL"), $"Table {table} is gone.");
        }
    }

    private static string Trim(string payload) => payload.Length > 100 ? payload[..100] : payload;

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
