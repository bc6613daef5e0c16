using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>
/// Data steps: a [Backfill] fills a column a batch at a time, which lets a NOT NULL column without a default join a
/// table holding rows; a [DataStep] method is called a batch at a time; each runs once per database, recorded in the
/// history, resumes when cut off, and runs once when two processes apply at the same time.
/// </summary>
public sealed class DataStepTests
{
    private const string Rows = "INSERT INTO people (name) SELECT 'person ' || g FROM generate_series(1, 2500) g";

    private static string People(string attributes, string properties) => $$"""
        namespace Shop;

        [Table("people"){{attributes}}]
        public sealed class Person
        {
            public long Id { get; set; }
            public required string Name { get; set; }
        {{properties}}
        }
        """;

    private static readonly string Before = People(string.Empty, string.Empty);

    private static readonly string WithDisplayName = People(
        ", Backfill(\"2026-12-01 display names\", nameof(DisplayName), \"upper(name)\")",
        "    public required string DisplayName { get; set; }");

    [Fact]
    public async Task A_backfill_lets_a_not_null_column_without_default_join_a_table_with_rows_and_runs_once()
    {
        await using var evolution = await Evolution.StartAsync(Before, WithDisplayName, Rows);

        var plan = await evolution.PlanAsync();
        Assert.Empty(plan.Blocked);
        Assert.Equal(["add column people.display_name, filled by data step '2026-12-01 display names'", "data step '2026-12-01 display names': fill people.display_name with upper(name)"], plan.Changes.Select(c => c.Description));
        var add = plan.Changes[0];
        Assert.Equal(
            [
                (ApplyPhase.Change, "ALTER TABLE \"people\" ADD COLUMN \"display_name\" text;"),
                (ApplyPhase.DataSteps, "ALTER TABLE \"people\" ADD CONSTRAINT \"nn_people_display_name\" CHECK (\"display_name\" IS NOT NULL) NOT VALID;"),
                (ApplyPhase.DataSteps, add.Statements[2].Sql),
                (ApplyPhase.Validate, "ALTER TABLE \"people\" VALIDATE CONSTRAINT \"nn_people_display_name\";"),
                (ApplyPhase.Complete, "ALTER TABLE \"people\" ALTER COLUMN \"display_name\" SET NOT NULL;"),
                (ApplyPhase.Complete, "ALTER TABLE \"people\" DROP CONSTRAINT \"nn_people_display_name\";"),
            ],
            add.Statements.Select(s => (s.Phase, s.Sql)));
        Assert.Contains("SET \"display_name\" = upper(name) WHERE", add.Statements[2].Sql, StringComparison.Ordinal);
        Assert.Equal("instances of the previous version insert rows without display_name", add.BreaksPreviousVersion);
        var fill = Assert.Single(plan.Changes[1].Statements);
        Assert.Equal((ApplyPhase.DataSteps, TableLock.RowExclusive), (fill.Phase, fill.Lock));
        Assert.Equal(1000, fill.FillBatchSize);
        Assert.Contains("(\"display_name\" IS NULL)", fill.Sql, StringComparison.Ordinal);

        await evolution.ApplyAsync();

        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE display_name IS DISTINCT FROM upper(name)"));
        Assert.Equal("data step", await evolution.Db.QueryAsync<string>("SELECT string_agg(phase, ',' ORDER BY id) FILTER (WHERE phase = 'data step') FROM schema_history"));

    }

    [Fact]
    public async Task Without_the_backfill_the_same_column_is_blocked()
    {
        await using var evolution = await Evolution.StartAsync(Before, People(string.Empty, "    public required string DisplayName { get; set; }"), Rows);

        var blocked = Assert.Single((await evolution.PlanAsync()).Blocked);
        Assert.Contains("declare a [Backfill] that fills it", blocked.BlockedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backfill_fills_an_existing_column_before_it_becomes_not_null_and_nothing_is_destructive()
    {
        var before = People(string.Empty, "    public string? Nickname { get; set; }");
        var after = People(", Backfill(\"2026-12-01 nicknames\", nameof(Nickname), \"split_part(name, ' ', 2)\", BatchSize = 400)", "    public required string Nickname { get; set; }");
        await using var evolution = await Evolution.StartAsync(before, after, Rows + "; UPDATE people SET nickname = 'kept' WHERE id % 10 = 0");

        var plan = await evolution.PlanAsync();
        Assert.Empty(plan.DestructiveChanges);
        Assert.Empty(plan.Blocked);
        var notNull = plan.Changes.Single(c => c.Description == "make people.nickname NOT NULL");
        Assert.Equal([ApplyPhase.DataSteps, ApplyPhase.DataSteps, ApplyPhase.Validate, ApplyPhase.Complete, ApplyPhase.Complete], notNull.Statements.Select(s => s.Phase));
        Assert.Equal(400, notNull.Statements[1].FillBatchSize);

        await evolution.ApplyAsync();

        Assert.Equal(250L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE nickname = 'kept'"));
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE nickname <> 'kept' AND nickname IS DISTINCT FROM split_part(name, ' ', 2)"));
    }

    [Fact]
    public async Task A_fill_whose_expression_leaves_nulls_is_refused_and_its_batch_rolled_back()
    {
        var after = People(", Backfill(\"2026-12-01 display names\", nameof(DisplayName), \"NULLIF(upper(name), 'PERSON 7')\")", "    public required string DisplayName { get; set; }");
        await using var evolution = await Evolution.StartAsync(Before, after, Rows);

        var failed = await Assert.ThrowsAsync<SchemaApplyException>(async () => await evolution.After.ApplyAsync(evolution.Db.Database, new ApplyOptions { Environment = _ => null }));

        Assert.Matches("A fill would never finish: after a batch of it, 1 of the [0-9,]+ rows it changed still match its condition", failed.Message);
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE display_name IS NOT NULL"));
        Assert.Equal(2500L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people"));
        var status = await evolution.After.StatusAsync(evolution.Db.Database);
        Assert.True(status.IsPending);
        Assert.Contains(status.Plan.Changes, c => c.Description.StartsWith("data step '2026-12-01 display names'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_backfill_fails_the_not_null_that_relies_on_it_waits_and_no_check_goes_in()
    {
        var after = People(", Backfill(\"2026-12-01 display names\", nameof(DisplayName), \"CASE WHEN id = 2000 THEN (1 / 0)::text ELSE upper(name) END\")", "    public required string DisplayName { get; set; }");
        await using var evolution = await Evolution.StartAsync(Before, after, Rows);

        var failed = await Assert.ThrowsAsync<SchemaApplyException>(async () => await evolution.After.ApplyAsync(evolution.Db.Database, new ApplyOptions { Environment = _ => null }));

        Assert.Contains("division by zero", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'nn_people_display_name'"));
        Assert.False(await evolution.Db.QueryAsync<bool>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'people'::regclass AND attname = 'display_name'"));
        var pending = (await evolution.After.StatusAsync(evolution.Db.Database)).Plan.Changes.Select(c => c.Description).ToList();
        Assert.Contains("data step '2026-12-01 display names': fill people.display_name with CASE WHEN id = 2000 THEN (1 / 0)::text ELSE upper(name) END", pending);
        Assert.Contains("make people.display_name NOT NULL", pending);
    }

    private const string CodeStep = """
        namespace Shop;

        [Table("people")]
        public sealed class Person
        {
            public long Id { get; set; }
            public required string Name { get; set; }
        }

        [Table("step_calls")]
        public sealed class StepCall
        {
            public long Id { get; set; }
            public int Changed { get; set; }
        }

        public static class Steps
        {
            [DataStep("2026-12-02 lowercase names", BatchSize = 1000)]
            public static async System.Threading.Tasks.ValueTask<int> LowercaseAsync(SchemaSession session, int batchSize, System.Threading.CancellationToken cancellationToken)
            {
                if (await session.ScalarAsync<bool>($"SELECT EXISTS (SELECT FROM pg_class WHERE relname = 'stop_steps')", cancellationToken))
                {
                    throw new System.InvalidOperationException("stopped on purpose");
                }

                var changed = await session.ExecuteAsync($"UPDATE people SET name = lower(name) WHERE id IN (SELECT id FROM people WHERE name <> lower(name) ORDER BY id LIMIT {batchSize})", cancellationToken);
                await session.ExecuteAsync($"INSERT INTO step_calls (changed) VALUES ({changed})", cancellationToken);
                return changed;
            }
        }
        """;

    private static readonly string CodeStepBefore = CodeStep[..CodeStep.IndexOf("public static class Steps", StringComparison.Ordinal)];

    [Fact]
    public async Task A_data_step_in_code_is_called_a_batch_at_a_time_each_committed_and_runs_once()
    {
        await using var evolution = await Evolution.StartAsync(CodeStepBefore, CodeStep, Rows.Replace("'person '", "'Person '", StringComparison.Ordinal));

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal("data step '2026-12-02 lowercase names'", change.Description);
        Assert.Equal("-- data step '2026-12-02 lowercase names': Steps.LowercaseAsync", Assert.Single(change.Statements).Sql);

        await evolution.ApplyAsync();

        Assert.Equal("1000,1000,500,0", await evolution.Db.QueryAsync<string>("SELECT string_agg(changed::text, ',' ORDER BY id) FROM step_calls"));
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE name <> lower(name)"));
        var result = await evolution.After.ApplyAsync(evolution.Db.Database);
        Assert.True(result.WasUpToDate);
        Assert.Equal(4L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM step_calls"));
    }

    [Fact]
    public async Task A_data_step_that_fails_keeps_its_committed_batches_and_the_next_apply_resumes_it()
    {
        await using var evolution = await Evolution.StartAsync(CodeStepBefore, CodeStep, Rows.Replace("'person '", "'Person '", StringComparison.Ordinal));
        await evolution.Db.ExecuteAsync("CREATE TABLE stop_steps ()");

        var failed = await Assert.ThrowsAsync<SchemaApplyException>(async () => await evolution.After.ApplyAsync(evolution.Db.Database, new ApplyOptions { Environment = _ => null }));
        Assert.Contains("The data step '2026-12-02 lowercase names': Steps.LowercaseAsync failed, and the batch it was doing was rolled back: stopped on purpose", failed.Message, StringComparison.Ordinal);
        Assert.True((await evolution.After.StatusAsync(evolution.Db.Database)).IsPending);

        await evolution.Db.ExecuteAsync("DROP TABLE stop_steps");
        await evolution.ApplyAsync();
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE name <> lower(name)"));
    }

    [Fact]
    public async Task Two_processes_applying_at_once_run_the_step_once()
    {
        await using var evolution = await Evolution.StartAsync(CodeStepBefore, CodeStep, Rows.Replace("'person '", "'Person '", StringComparison.Ordinal));
        await using var other = SchemaDatabase.Create(evolution.Db.ConnectionString);

        var results = await Task.WhenAll(
            evolution.After.ApplyAsync(evolution.Db.Database, new ApplyOptions { Environment = _ => null }).AsTask(),
            evolution.After.ApplyAsync(other, new ApplyOptions { Environment = _ => null }).AsTask());
        Assert.Single(results, r => r.Statements.Count > 0);
        await WaitUntilCompleteAsync(evolution);
        Assert.Equal(4L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM step_calls"));
        await evolution.AssertConvergedAsync();
    }

    [Fact]
    public async Task Writers_updating_rows_not_yet_filled_are_never_refused_while_a_not_null_column_is_backfilled()
    {
        var after = People(", Backfill(\"2026-12-01 display names\", nameof(DisplayName), \"upper(name)\", BatchSize = 200)", "    public required string DisplayName { get; set; }");
        await using var evolution = await Evolution.StartAsync(Before, after, Rows);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(evolution.Db.ConnectionString);
            await connection.OpenAsync();
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Scalar.ExecuteAsync(connection, $"UPDATE people SET name = name WHERE id = {random.Next(1, 2501)}");
                    writes++;
                }
                catch (PostgresException)
                {
                    failures++;
                }
            }
        });

        await evolution.ApplyAsync();
        stop.Cancel();
        await writer;

        Assert.True(writes > 0);
        Assert.Equal(0, failures);
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM people WHERE display_name IS DISTINCT FROM upper(name)"));
    }

    private static async Task WaitUntilCompleteAsync(Evolution evolution)
    {
        var clock = Stopwatch.StartNew();
        while (await evolution.Db.QueryAsync<string>("SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1") != "complete")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The apply never completed.");
            await Task.Delay(50);
        }
    }
}
