using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Schemata.Tests.Apply;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Hardening;

/// <summary>
/// kill -9 of the postmaster in the middle of a COPY of 100,000 rows, of a multi-statement unit of work and of an
/// apply: after crash recovery no partial rows are visible, the schema is wholly old or wholly new, and the next
/// attempt succeeds.
/// </summary>
public sealed class CrashTests(PrivateAppliedServer pg) : IClassFixture<PrivateAppliedServer>
{
    private const int CopyRows = 100_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_kill_during_a_copy_of_100000_rows_leaves_none_of_them_and_the_copy_then_succeeds()
    {
        await using (var session = await pg.Database.BeginAsync())
        {
            await session.Users().InsertManyAsync(Enumerable.Range(0, 1_000).Select(i => new User { Email = $"before-{i}@copy" }));
            await session.CommitAsync();
        }

        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var copy = Task.Run(async () =>
        {
            await using var session = await pg.Database.BeginAsync();
            await session.Users().InsertManyAsync(Rows("crash", pauseAt: 60_000, paused, resume));
            await session.CommitAsync();
        });

        Assert.True(paused.Wait(Patience), "The COPY never reached row 60,000.");
        var processed = await WaitForAsync(
            "SELECT COALESCE(max(tuples_processed), 0) FROM pg_stat_progress_copy",
            (long n) => n >= 50_000);
        Assert.True(processed >= 50_000, $"The server had only taken {processed} rows of the COPY when it was to be killed.");

        pg.Server.Kill();
        resume.Set();
        Assert.NotNull(await Record.ExceptionAsync(() => copy));
        await pg.RestartAsync();

        Assert.Equal(1_000L, await pg.QueryAsync<long>("SELECT count(*) FROM users WHERE email LIKE '%@copy'"));
        Assert.Equal(0L, await pg.QueryAsync<long>("SELECT count(*) FROM users WHERE email LIKE 'crash-%'"));

        await using (var session = await pg.Database.BeginAsync())
        {
            Assert.Equal((ulong)CopyRows, await session.Users().InsertManyAsync(Rows("after", pauseAt: -1, null, null)));
            await session.CommitAsync();
        }

        Assert.Equal(1_000L + CopyRows, await pg.QueryAsync<long>("SELECT count(*) FROM users WHERE email LIKE '%@copy'"));
    }

    [Fact]
    public async Task A_kill_during_a_multi_statement_session_leaves_nothing_of_it()
    {
        var session = await pg.Database.BeginAsync();
        try
        {
            var user = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "uncommitted", Handle = "uow-uncommitted" });
            for (var i = 0; i < 50; i++)
            {
                await session.Orders().InsertAsync(new Order { UserId = user.Id, Select = "uow-uncommitted", TotalDue = i });
            }

            await session.ExecuteAsync($"UPDATE \"order\" SET \"Total \"\"Due\"\"\" = 1 WHERE \"User Id\" = {user.Id}");
            await session.Users().InsertAsync(new User { Email = "uow-uncommitted@crash" });

            pg.Server.Kill();
            Assert.NotNull(await Record.ExceptionAsync(async () => await session.CommitAsync()));
        }
        finally
        {
            await session.DisposeAsync();
        }

        await pg.RestartAsync();
        Assert.Equal(0L, await pg.QueryAsync<long>("SELECT count(*) FROM \"user\" WHERE handle = 'uow-uncommitted'"));
        Assert.Equal(0L, await pg.QueryAsync<long>("SELECT count(*) FROM \"order\" WHERE \"select\" = 'uow-uncommitted'"));
        Assert.Equal(0L, await pg.QueryAsync<long>("SELECT count(*) FROM users WHERE email = 'uow-uncommitted@crash'"));
    }

    [Fact]
    public async Task A_unit_of_work_cut_by_a_kill_is_retried_after_the_restart_and_lands_exactly_once()
    {
        using var inside = new SemaphoreSlim(0);
        using var resume = new SemaphoreSlim(0);
        var attempts = 0;
        var options = new SchemaUnitOfWorkOptions { Retry = new SchemaRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) } };
        var unit = pg.Database.RunAsync(
            async (session, token) =>
            {
                var attempt = Interlocked.Increment(ref attempts);
                var user = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "retried", Handle = "uow-retried" }, token);
                for (var i = 0; i < 20; i++)
                {
                    await session.Orders().InsertAsync(new Order { UserId = user.Id, Select = "uow-retried", TotalDue = i }, token);
                }

                if (attempt == 1)
                {
                    inside.Release();
                    await resume.WaitAsync(token);
                }

                await session.ExecuteAsync($"UPDATE \"user\" SET \"with space\" = {"done"} WHERE id = {user.Id}", token);
            },
            options).AsTask();

        Assert.True(await inside.WaitAsync(Patience), "The unit of work never reached its middle.");
        await pg.CrashAndRestartAsync();
        resume.Release();
        await unit.WaitAsync(Patience);

        Assert.True(attempts >= 2, "The unit was not run again after the crash.");
        Assert.Equal(1L, await pg.QueryAsync<long>("SELECT count(*) FROM \"user\" WHERE handle = 'uow-retried' AND \"with space\" = 'done'"));
        Assert.Equal(20L, await pg.QueryAsync<long>("SELECT count(*) FROM \"order\" WHERE \"select\" = 'uow-retried'"));
    }

    [Fact]
    public async Task A_kill_during_an_apply_leaves_the_old_schema_whole_and_the_next_apply_succeeds()
    {
        var v1 = ModelCompiler.Compile(Versions.V1);
        var v2 = ModelCompiler.Compile(Versions.V2);
        await using var database = await pg.Server.CreateDatabaseAsync();
        await using var schemaDatabase = SchemaDatabase.Create(database.ConnectionString);
        await v1.ApplyAsync(schemaDatabase);
        var before = await CatalogDump.ReadAsync(database.ConnectionString);

        // A reader holding the table V2 alters parks the apply at its ALTER TABLE, in the middle of its transaction (the
        // catalog reads before it only need a share lock): the enum value and the new table already exist in it when
        // the server dies.
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await Scalar.ExecuteAsync(holder, "BEGIN; LOCK TABLE tasks IN ACCESS SHARE MODE");
        var apply = v2.ApplyAsync(schemaDatabase).AsTask();
        var waiting = await WaitForAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND wait_event_type = 'Lock'",
            (long n) => n > 0);
        Assert.True(waiting > 0, "The apply never waited on the held lock.");
        var waitingQuery = await Scalar.QueryAsync<string>(
            database.ConnectionString,
            $"SELECT a.query || ' | waits for: ' || (SELECT string_agg(l.locktype || ' ' || l.mode || ' ' || COALESCE(l.relation::regclass::text, ''), ', ') FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted) || ' | blocked by: ' || (SELECT string_agg(b.query, ' / ') FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))) FROM pg_stat_activity a WHERE a.datname = '{database.Name}' AND a.wait_event_type = 'Lock' LIMIT 1");
        var madeSoFar = await Scalar.QueryAsync<string>(
            database.ConnectionString,
            $"SELECT COALESCE(string_agg(l.locktype || ':' || l.mode || ':' || COALESCE(l.relation::regclass::text, ''), ', '), '') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.datname = '{database.Name}' AND a.wait_event_type = 'Lock' AND l.granted AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'");
        Assert.True(madeSoFar.Length > 0, $"The apply had not created anything yet when the server was to be killed; it waits in: {waitingQuery}");

        pg.Server.Kill();
        await holder.DisposeAsync();
        Assert.NotNull(await Record.ExceptionAsync(() => apply));
        await pg.RestartAsync();
        schemaDatabase.DataSource.Clear();

        // Apply commits new enum values on their own first (PostgreSQL cannot use a value in the transaction that adds
        // it), so the enum may already be V2's; everything else must be exactly V1's.
        var after = await CatalogDump.ReadAsync(database.ConnectionString);
        Assert.Equal(before.Where(line => !line.StartsWith("type ", StringComparison.Ordinal)), after.Where(line => !line.StartsWith("type ", StringComparison.Ordinal)));
        Assert.Contains(after.Single(line => line.StartsWith("type ", StringComparison.Ordinal)), new[] { "type public.status: todo, doing, done", "type public.status: todo, doing, blocked, done" });
        Assert.Equal(1L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM schema_history WHERE phase <> 'enum values'"));

        var result = await v2.ApplyAsync(schemaDatabase);
        Assert.False(result.WasUpToDate);
        Assert.True(await Scalar.QueryAsync<bool>(database.ConnectionString, "SELECT to_regclass('labels') IS NOT NULL"));
        var plan = await SchemaApplier.PlanAsync(v2, schemaDatabase, default);
        Assert.True(plan.Changes.Count == 0, "After the second apply the database still differs from V2: " + string.Join("; ", plan.Changes));
    }

    private static IEnumerable<User> Rows(string prefix, int pauseAt, ManualResetEventSlim? paused, ManualResetEventSlim? resume)
    {
        for (var i = 0; i < CopyRows; i++)
        {
            if (i == pauseAt)
            {
                paused!.Set();
                resume!.Wait(Patience);
            }

            yield return new User { Email = $"{prefix}-{i}@copy", DisplayName = "row " + i };
        }
    }

    private async Task<long> WaitForAsync(string sql, Func<long, bool> done)
    {
        var clock = Stopwatch.StartNew();
        long value;
        do
        {
            value = await pg.QueryAsync<long>(sql);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < Patience);

        return value;
    }
}
