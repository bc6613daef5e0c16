using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Schemata.Tests.ScaleOut;

/// <summary>
/// A soak like <c>Hardening.SoakTests</c> against a primary and its streaming standby, through one multi-host
/// connection string: concurrent units of work write, read their own rows and soft-delete them while the primary is
/// lost and, SCHEMA_FAILOVER_PROMOTE_DELAY_MS later (2000 by default, the time a failover manager takes to notice), the
/// standby promoted (<c>pg_ctl promote</c>). Units caught by the failover run again until they reach the new primary.
/// It runs for SCHEMA_FAILOVER_SECONDS (15 by default), the failover at one third, and checks that every acknowledged
/// write is on the new primary exactly once; the report goes to the test output and <c>failover-report-*.txt</c>.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Workers = 20;

    /// <summary>A clean stop (pg_ctl stop -m fast) with asynchronous replication: the primary sends its last WAL before it exits.</summary>
    [Fact]
    public Task Primary_stopped_and_standby_promoted_no_acknowledged_write_is_lost_or_doubled() =>
        SoakThroughFailoverAsync(crash: false);

    /// <summary>kill -9 of the primary with synchronous replication: a commit is acknowledged once the standby has it.</summary>
    [Fact]
    public Task Primary_killed_with_synchronous_replication_and_standby_promoted_no_acknowledged_write_is_lost_or_doubled() =>
        SoakThroughFailoverAsync(crash: true);

    private async Task SoakThroughFailoverAsync(bool crash)
    {
        var duration = TimeSpan.FromSeconds(Setting("SCHEMA_FAILOVER_SECONDS", 15));
        var promoteDelay = TimeSpan.FromMilliseconds(Setting("SCHEMA_FAILOVER_PROMOTE_DELAY_MS", 2000));
        List<string> settings = ["synchronous_commit = on"];
        if (crash)
        {
            settings.Add("synchronous_standby_names = '*'");
        }

        await using var topology = await TestTopology.StartAsync(new TestTopologyOptions { PgBouncer = false, ServerSettings = settings });
        await using var database = await topology.CreateDatabaseAsync();
        await using (var primaryOnly = SchemaDatabase.Create(database.PrimaryConnectionString))
        {
            await global::Schema.ApplyAsync(primaryOnly);
        }

        await topology.WaitForStandbyAsync();
        await using var db = SchemaDatabase.Create(database.MultiHostConnectionString, new SchemaDatabaseOptions { MaxPoolSize = 40 });
        var retry = new SchemaUnitOfWorkOptions { Retry = new SchemaRetryOptions { MaxAttempts = 12, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) } };
        await using var workload = SoakWorkload.Start(db, "failover", Workers, retry);

        await Task.Delay(duration / 3);
        var failoverAt = workload.Elapsed;
        if (crash)
        {
            topology.Primary.Kill();
        }
        else
        {
            await topology.Primary.StopAsync();
        }

        var primaryGoneAt = workload.Elapsed;
        await Task.Delay(promoteDelay);
        var promoteAt = workload.Elapsed;
        await topology.PromoteStandbyAsync();
        if (crash)
        {
            // The new primary has no standby of its own yet: it must stop waiting for one, as a failover tool would make it.
            await Scalar.ExecuteAsync(database.StandbyConnectionString, "ALTER SYSTEM SET synchronous_standby_names = ''; SELECT pg_reload_conf()");
        }

        var promotedAt = workload.Elapsed;
        var elapsed = await workload.StopAtAsync(duration);
        var stats = workload.Stats;
        var rows = await workload.CheckRowsAsync(database.StandbyConnectionString);
        var firstAfter = stats.FirstWriteAfter(primaryGoneAt);
        var recovery = firstAfter is { } first
            ? $"{(first - primaryGoneAt).TotalSeconds:0.00} s after the primary was gone, {(first - promoteAt).TotalSeconds:0.00} s after pg_ctl promote began"
            : "never";

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            failover soak: {Workers} workers, {elapsed.TotalSeconds:0} s, primary {(crash ? "killed (kill -9), synchronous replication" : "stopped (pg_ctl stop -m fast), asynchronous replication")}, standby promoted (pg_ctl promote)
            primary {(crash ? "killed" : "stopped")} at {failoverAt.TotalSeconds:0.0} s and gone {(primaryGoneAt - failoverAt).TotalSeconds:0.00} s later; pg_ctl promote began {(promoteAt - primaryGoneAt).TotalSeconds:0.00} s after that and returned after {(promotedAt - promoteAt).TotalSeconds:0.00} s
            first write acknowledged by the new primary {recovery}; longest time without an acknowledged write {stats.LongestGap().TotalSeconds:0.00} s
            operations acknowledged: {stats.Total} ({stats.Total / elapsed.TotalSeconds:0} per second): writes {stats.WriteCount} ({stats.WritesBefore(primaryGoneAt)} before the primary was gone, {stats.WritesAfter(primaryGoneAt)} after), reads {stats.ReadCount}, soft deletes {stats.DeleteCount}
            errors after retries: {stats.ErrorSummary}
            acknowledged writes checked on the new primary: {workload.AcknowledgedWrites}; lost {rows.Lost}; not exactly once {rows.NotExactlyOnce}; soft deletes not in place {rows.SoftDeletesNotInPlace}; read anomalies {stats.AnomalyCount}
            writes not acknowledged: {workload.UnacknowledgedWrites}, of which on the new primary {rows.UnacknowledgedFound} (their commit got there, its answer was lost with the primary, and the retry met the unique handle), twice {rows.UnacknowledgedTwice}
            """);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"failover-report-{(crash ? "kill" : "stop")}.txt"), report);

        workload.AssertAcknowledgedRowsHeld(rows, report);
        Assert.True(rows.UnacknowledgedTwice == 0, report);
        Assert.True(firstAfter is not null, "No write was acknowledged after the failover.\n" + report);
        workload.AssertFewErrors(report);
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
