using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Schemata.Tests.Hardening;

/// <summary>
/// 50 concurrent sessions of mixed reads, writes and soft deletes (<see cref="SoakWorkload"/>) through <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>
/// while the server is restarted twice (once cleanly, once with kill -9). It stops by itself after
/// SCHEMA_SOAK_SECONDS (30 by default; 300 for the published figures), reports throughput and errors, and checks
/// that every acknowledged write is there exactly once, every acknowledged soft delete took, and no connection leaked.
/// </summary>
public sealed class SoakTests(PrivateAppliedServer pg, ITestOutputHelper output) : IClassFixture<PrivateAppliedServer>
{
    private const int Sessions = 50;

    [Fact]
    public async Task Fifty_sessions_survive_two_restarts_without_losing_or_doubling_an_acknowledged_write()
    {
        var duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("SCHEMA_SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 30);
        var retry = new SchemaUnitOfWorkOptions { Retry = new SchemaRetryOptions { MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) } };
        await using var workload = SoakWorkload.Start(pg.Database, "soak", Sessions, retry);

        await Task.Delay(duration / 3);
        await pg.RestartAsync();
        var firstRestartAt = workload.Elapsed;
        output.WriteLine($"clean restart at {firstRestartAt.TotalSeconds:0.0} s");
        await Task.Delay(duration / 3);
        await pg.CrashAndRestartAsync();
        var secondRestartAt = workload.Elapsed;
        output.WriteLine($"kill -9 and restart at {secondRestartAt.TotalSeconds:0.0} s");
        var elapsed = await workload.StopAtAsync(duration);
        var stats = workload.Stats;
        var rows = await workload.CheckRowsAsync(pg.ConnectionString);

        // Every session given back: nothing left active or idle in a transaction, and nothing left once disposed.
        var busy = await pg.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{pg.TestDatabase.Name}' AND state <> 'idle' AND pid <> pg_backend_pid()");
        var open = await pg.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{pg.TestDatabase.Name}' AND pid <> pg_backend_pid()");
        pg.Database.DataSource.Clear();
        var leftAfterClear = await WaitForNoConnectionsAsync();

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            soak: {Sessions} sessions, {elapsed.TotalSeconds:0} s, 2 restarts (clean + kill -9)
            operations acknowledged: {stats.Total} ({stats.Total / elapsed.TotalSeconds:0} per second): writes {stats.WriteCount}, reads {stats.ReadCount}, soft deletes {stats.DeleteCount}
            writes after the first restart: {stats.WritesAfter(firstRestartAt)}, after the second: {stats.WritesAfter(secondRestartAt)}
            errors after retries: {stats.ErrorSummary}
            acknowledged writes checked: {workload.AcknowledgedWrites}; lost {rows.Lost}; not exactly once {rows.NotExactlyOnce}; soft deletes not in place {rows.SoftDeletesNotInPlace}; read anomalies {stats.AnomalyCount}
            connections: {busy} busy and {open} open after the run (pool max 60), {leftAfterClear} left after the pool was cleared
            """);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report);

        workload.AssertAcknowledgedRowsHeld(rows, report);
        Assert.True(busy == 0 && leftAfterClear == 0 && open <= 60, report);
        Assert.True(stats.WritesAfter(secondRestartAt) > 0, "No write was acknowledged after the second restart.\n" + report);
        workload.AssertFewErrors(report);
    }

    private async Task<long> WaitForNoConnectionsAsync()
    {
        long left = 0;
        for (var i = 0; i < 100; i++)
        {
            left = await pg.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{pg.TestDatabase.Name}' AND pid <> pg_backend_pid()");
            if (left == 0)
            {
                return 0;
            }

            await Task.Delay(100);
        }

        return left;
    }
}
