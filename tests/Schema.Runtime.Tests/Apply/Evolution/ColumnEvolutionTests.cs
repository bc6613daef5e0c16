using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>Columns: added, retyped, defaults and nullability, each on a table holding rows.</summary>
public sealed class ColumnEvolutionTests
{
    private const string Rows = "INSERT INTO items (code, note) SELECT 'c' || g, CASE WHEN g % 2 = 0 THEN 'n' END FROM generate_series(1, 50) g";

    private static string Items(string columns) => $$"""
        namespace Shop;

        [Table("items")]
        public sealed class Item
        {
            public long Id { get; set; }
            [MaxLength(20)] public required string Code { get; set; }
            public string? Note { get; set; }
        {{columns}}
        }
        """;

    [Fact]
    public async Task A_nullable_column_and_one_with_a_constant_default_are_added_online()
    {
        await using var evolution = await Evolution.StartAsync(Items(string.Empty), Items("    public string? Extra { get; set; }\n    public int Rank { get; set; } = 3;"), Rows);

        var plan = await evolution.PlanAsync();

        Assert.Equal(["add column items.extra", "add column items.rank"], plan.Changes.Select(c => c.Description));
        Assert.All(plan.Changes.SelectMany(c => c.Statements), s => Assert.True(s is { Phase: ApplyPhase.Change, Lock: TableLock.AccessExclusive, Scans: false, Rewrites: false, IsOnline: true }));
        Assert.Null(plan.Changes[1].BreaksPreviousVersion);
        await evolution.ApplyAsync();
        Assert.Equal(50L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE rank = 3"));
    }

    [Fact]
    public async Task A_not_null_column_without_default_over_rows_is_refused_before_anything_commits_even_a_new_enum_value()
    {
        const string Before = """
            namespace Shop;

            [DbEnum] public enum State { Open, Closed }

            [Table("items")]
            public sealed class Item
            {
                public long Id { get; set; }
                public State State { get; set; }
            }
            """;
        var after = Before.Replace("{ Open, Closed }", "{ Open, Paused, Closed }", StringComparison.Ordinal)
            .Replace("public State State { get; set; }", "public State State { get; set; }\n    public required string Owner { get; set; }", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(Before, after, "INSERT INTO items (state) VALUES ('open'), ('closed')");

        var plan = await evolution.PlanAsync();
        var blocked = Assert.Single(plan.Blocked);
        Assert.Equal("add column items.owner", blocked.Description);
        Assert.Contains("NOT NULL without a default, and items holds rows", blocked.BlockedReason, StringComparison.Ordinal);
        Assert.Contains("give it a default", blocked.BlockedReason, StringComparison.Ordinal);
        Assert.Contains("declare a [Backfill] that fills it", blocked.BlockedReason, StringComparison.Ordinal);
        Assert.Equal("instances of the previous version insert rows without owner", blocked.BreaksPreviousVersion);

        // Whatever is allowed, nothing runs: the new enum value is not committed either.
        var refused = await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
        Assert.Contains("cannot run: ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-destructive", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volatile_default_on_a_new_column_over_rows_is_a_hazard()
    {
        var after = Items("    [Column(Default = \"gen_random_uuid()\")] public Guid Token { get; set; }");
        await using var evolution = await Evolution.StartAsync(Items(string.Empty), after, Rows);

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.True(change.IsHazard);
        Assert.True(change.Statements.Single().Rewrites);
        await evolution.AssertRefusedAsync();
        await evolution.ApplyAsync(new ApplyOptions { AllowHazards = true, Environment = _ => null });
        Assert.Equal(50L, await evolution.Db.QueryAsync<long>("SELECT count(DISTINCT token) FROM items"));
    }

    [Fact]
    public async Task A_wider_varchar_is_a_catalog_change_and_integer_to_bigint_a_hazard()
    {
        var after = Items("    public long Counter { get; set; } = 1;").Replace("[MaxLength(20)]", "[MaxLength(50)]", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(Items("    public int Counter { get; set; } = 1;"), after, Rows);

        var plan = await evolution.PlanAsync();

        var widened = plan.Changes.Single(c => c.Description == "change type of items.code from varchar(20) to varchar(50)");
        Assert.False(widened.IsHazard);
        Assert.False(widened.IsDestructive);
        Assert.False(widened.Statements.Single().Rewrites);
        var bigger = plan.Changes.Single(c => c.Description == "change type of items.counter from integer to bigint");
        Assert.False(bigger.IsDestructive);
        Assert.Contains("rewrites items", bigger.HazardReason, StringComparison.Ordinal);
        Assert.Contains("Online: add a column of the new type", bigger.HazardReason, StringComparison.Ordinal);
        await evolution.AssertRefusedAsync();
        await evolution.ApplyAsync(new ApplyOptions { AllowHazards = true, Environment = _ => null });
        Assert.Equal(50L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE code LIKE 'c%'"));
    }

    [Fact]
    public async Task A_narrowing_that_would_cut_values_is_refused_with_their_count_and_one_that_fits_keeps_every_value()
    {
        var after = Items(string.Empty).Replace("[MaxLength(20)]", "[MaxLength(5)]", StringComparison.Ordinal);
        await using (var evolution = await Evolution.StartAsync(Items(string.Empty), after, "INSERT INTO items (code) VALUES ('WID01'), ('WID01-extended'), ('WID02-extended')"))
        {
            var change = Assert.Single((await evolution.PlanAsync()).Changes);
            Assert.True(change.IsDestructive);
            Assert.StartsWith("2 rows hold values that varchar(5) cannot hold as they are", change.BlockedReason, StringComparison.Ordinal);
            await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
            Assert.Equal(1L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE code = 'WID01-extended'"));
        }

        await using (var evolution = await Evolution.StartAsync(Items(string.Empty), after, "INSERT INTO items (code) VALUES ('WID01'), ('WID02')"))
        {
            var change = Assert.Single((await evolution.PlanAsync()).Changes);
            Assert.False(change.IsBlocked);
            // Between string types the cast is left to PostgreSQL, which raises an error on a value too long instead of cutting it.
            Assert.Equal("ALTER TABLE \"items\" ALTER COLUMN \"code\" TYPE varchar(5);", change.Statements.Single().Sql);
            await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
            Assert.Equal("WID01,WID02", await evolution.Db.QueryAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM items"));
        }
    }

    [Fact]
    public async Task A_type_change_drops_the_default_first_and_sets_the_models_after()
    {
        var before = Items("    public string Label { get; set; } = \"\";\n    public bool Flag { get; set; }");
        var after = Items("    [MaxLength(10)] public string Label { get; set; } = \"\";\n    [Column(Default = \"0\")] public int Flag { get; set; }");
        await using var evolution = await Evolution.StartAsync(before, after, Rows);

        var plan = await evolution.PlanAsync();
        var flag = plan.Changes.Single(c => c.Description == "change type of items.flag from boolean to integer");
        Assert.Equal(
            ["ALTER TABLE \"items\" ALTER COLUMN \"flag\" DROP DEFAULT;", "ALTER TABLE \"items\" ALTER COLUMN \"flag\" TYPE integer USING \"flag\"::integer;", "ALTER TABLE \"items\" ALTER COLUMN \"flag\" SET DEFAULT 0;"],
            flag.Statements.Select(s => s.Sql));
        await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
        Assert.Equal("''::character varying", await evolution.Db.QueryAsync<string>("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'items'::regclass AND adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label')"));
    }

    [Fact]
    public async Task Fractional_seconds_and_defaults_postgres_respells_plan_nothing_after_a_fresh_apply_and_more_precision_is_a_catalog_change()
    {
        var before = Items("    [Precision(3)] public DateTimeOffset Due { get; set; }\n    [Column(Default = \"now() + interval '1 day'\")] public DateTimeOffset Expires { get; set; }\n    [Column(Default = \"interval '1 hour'\")] public TimeSpan Grace { get; set; }");
        var after = before.Replace("[Precision(3)]", "[Precision(6)]", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(before, after, "INSERT INTO items (code, due) VALUES ('a', now())");

        Assert.True((await evolution.Before.CompareAsync(evolution.Db.Database)).IsEmpty);
        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal("change type of items.due from timestamptz(3) to timestamptz(6)", change.Description);
        Assert.False(change.IsDestructive);
        Assert.False(change.IsHazard);
        Assert.Single(change.Statements);
        await evolution.ApplyAsync();
    }

    [Fact]
    public async Task Not_null_over_rows_goes_through_a_validated_check_and_is_picked_up_where_an_interrupted_apply_stopped()
    {
        var after = Items(string.Empty).Replace("public string? Note { get; set; }", "public required string Note { get; set; }", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(Items(string.Empty), after, "INSERT INTO items (code, note) VALUES ('a', 'x'), ('b', 'y')");

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal(
            [
                (ApplyPhase.Change, "ALTER TABLE \"items\" ADD CONSTRAINT \"nn_items_note\" CHECK (\"note\" IS NOT NULL) NOT VALID;"),
                (ApplyPhase.Validate, "ALTER TABLE \"items\" VALIDATE CONSTRAINT \"nn_items_note\";"),
                (ApplyPhase.Complete, "ALTER TABLE \"items\" ALTER COLUMN \"note\" SET NOT NULL;"),
                (ApplyPhase.Complete, "ALTER TABLE \"items\" DROP CONSTRAINT \"nn_items_note\";"),
            ],
            change.Statements.Select(s => (s.Phase, s.Sql)));
        Assert.Equal(TableLock.ShareUpdateExclusive, change.Statements[1].Lock);
        Assert.True(change.IsOnline);

        // An apply interrupted after the helper check went in: the next one validates it and finishes.
        await evolution.Db.ExecuteAsync("ALTER TABLE items ADD CONSTRAINT nn_items_note CHECK (note IS NOT NULL) NOT VALID");
        var resumed = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal([ApplyPhase.Validate, ApplyPhase.Complete, ApplyPhase.Complete], resumed.Statements.Select(s => s.Phase));
        await evolution.ApplyAsync();
    }

    [Fact]
    public async Task Not_null_over_nulls_needs_a_default_or_a_backfill_and_with_a_default_the_nulls_are_filled_in_batches_when_allowed()
    {
        var withoutDefault = Items(string.Empty).Replace("public string? Note { get; set; }", "public required string Note { get; set; }", StringComparison.Ordinal);
        await using (var evolution = await Evolution.StartAsync(Items(string.Empty), withoutDefault, Rows))
        {
            var change = Assert.Single((await evolution.PlanAsync()).Changes);
            Assert.StartsWith("25 rows hold NULL in note, and the model gives no default to put there: give it a default, or declare a [Backfill] that fills it", change.BlockedReason, StringComparison.Ordinal);
            Assert.Null(change.DestructiveReason);
            await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, Environment = _ => null });
        }

        var withDefault = Items(string.Empty).Replace("public string? Note { get; set; }", "public string Note { get; set; } = \"none\";", StringComparison.Ordinal);
        await using (var evolution = await Evolution.StartAsync(Items(string.Empty), withDefault, Rows))
        {
            var change = (await evolution.PlanAsync()).Changes.Single(c => c.Description == "make items.note NOT NULL");
            Assert.Equal("25 rows hold NULL, which would be replaced with the default 'none'", change.DestructiveReason);

            // Filled a batch at a time before the helper check goes in (so writers updating a row not yet filled are
            // not refused), then once more for rows written NULL in between, and made NOT NULL online.
            Assert.Equal(
                [ApplyPhase.DataSteps, ApplyPhase.DataSteps, ApplyPhase.DataSteps, ApplyPhase.Validate, ApplyPhase.Complete, ApplyPhase.Complete],
                change.Statements.Select(s => s.Phase));
            Assert.Equal(change.Statements[0], change.Statements[2]);
            Assert.Equal(
                "WITH batch AS (UPDATE \"items\" SET \"note\" = 'none' WHERE ctid >= $1::tid AND ctid < $2::tid AND (\"note\" IS NULL) RETURNING (\"note\" IS NULL) AS left_over)"
                + " SELECT count(*), count(*) FILTER (WHERE left_over), (SELECT pg_relation_size('\"items\"'::regclass) / current_setting('block_size')::bigint),"
                + " (SELECT CASE WHEN relpages > 0 AND reltuples > 0 THEN reltuples / relpages ELSE 0 END FROM pg_class WHERE oid = '\"items\"'::regclass)::float8 FROM batch;",
                change.Statements[0].Sql);
            Assert.Equal(TableLock.RowExclusive, change.Statements[0].Lock);
            Assert.Equal(1000, change.Statements[0].FillBatchSize);
            Assert.Equal("ALTER TABLE \"items\" ADD CONSTRAINT \"nn_items_note\" CHECK (\"note\" IS NOT NULL) NOT VALID;", change.Statements[1].Sql);
            await evolution.AssertRefusedAsync();
            await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, Environment = _ => null });
            Assert.Equal(25L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE note = 'none'"));
        }
    }

    [Fact]
    public async Task An_existing_column_becomes_an_identity_online_when_an_index_leads_with_it_and_as_a_hazard_otherwise()
    {
        static string Tickets(string attributes, string number) => $$"""
            namespace Shop;

            [Table("tickets"){{attributes}}]
            public sealed class Ticket
            {
                [Key] public Guid Id { get; set; }
                {{number}} public long Number { get; set; }
            }
            """;
        const string Rows = "INSERT INTO tickets (id, number) SELECT gen_random_uuid(), g FROM generate_series(1, 40) g";

        await using (var evolution = await Evolution.StartAsync(Tickets(", Index(nameof(Number))", string.Empty), Tickets(", Index(nameof(Number))", "[Identity]"), Rows))
        {
            var change = Assert.Single((await evolution.PlanAsync()).Changes);
            Assert.Equal("make tickets.number identity by default", change.Description);
            Assert.False(change.IsHazard);
            Assert.True(change.IsOnline);
            await evolution.ApplyAsync();
            Assert.Equal(41L, await evolution.Db.QueryAsync<long>("INSERT INTO tickets (id) VALUES (gen_random_uuid()) RETURNING number"));
        }

        await using (var evolution = await Evolution.StartAsync(Tickets(string.Empty, string.Empty), Tickets(string.Empty, "[Identity]"), Rows))
        {
            var change = Assert.Single((await evolution.PlanAsync()).Changes);
            Assert.True(change.IsHazard);
            Assert.StartsWith("starting the identity after the largest number scans tickets under an ACCESS EXCLUSIVE lock", change.HazardReason, StringComparison.Ordinal);
            await evolution.AssertRefusedAsync();
            await evolution.ApplyAsync(new ApplyOptions { AllowHazards = true, Environment = _ => null });
            Assert.Equal(41L, await evolution.Db.QueryAsync<long>("INSERT INTO tickets (id) VALUES (gen_random_uuid()) RETURNING number"));
        }
    }
}
