using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Schemata.TestModel;
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
        var stats = new Stats();
        var acknowledged = new ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        var unacknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var deleted = new ConcurrentDictionary<Guid, bool>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var mine = new List<Guid>();
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(100);
                string? handle = null;
                try
                {
                    if (roll < 50 || mine.Count == 0)
                    {
                        var written = $"f{worker}-{n++}";
                        handle = written;
                        var id = await db.RunAsync(
                            async (session, token) =>
                            {
                                var user = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "failover", Handle = written, CamelCase = "failover" }, token);
                                await session.Orders().InsertAsync(new Order { UserId = user.Id, Select = written, TotalDue = 1m }, token);
                                return user.Id;
                            },
                            retry);
                        acknowledged[written] = id;
                        mine.Add(id);
                        stats.Written(clock.Elapsed);
                    }
                    else if (roll < 85)
                    {
                        var id = mine[random.Next(mine.Count)];
                        var found = await db.RunAsync(async (session, token) => await session.ReservedUsers().GetAsync(id, DeletedRows.Include, token), retry);
                        var isDeleted = deleted.ContainsKey(id);
                        if (found is null || (found.DeletedAt is not null) != isDeleted)
                        {
                            stats.Anomaly($"read of {id}: {(found is null ? "missing" : "deleted_at " + found.DeletedAt)} while deleted={isDeleted}");
                        }

                        stats.Read();
                    }
                    else
                    {
                        var id = mine[random.Next(mine.Count)];
                        mine.Remove(id);
                        if (await db.RunAsync(async (session, token) => await session.ReservedUsers().SoftDeleteAsync(id, token), retry))
                        {
                            deleted[id] = true;
                        }

                        stats.Delete();
                    }
                }
                catch (Exception exception)
                {
                    // Not acknowledged: the write may or may not have landed (a commit whose answer was lost with the
                    // primary); it is not in the acknowledged set, and is checked on its own below.
                    stats.Error(exception.GetType().Name);
                    if (handle is not null && !acknowledged.ContainsKey(handle))
                    {
                        unacknowledged[handle] = true;
                    }
                }
            }
        })).ToList();

        await Task.Delay(duration / 3);
        var failoverAt = clock.Elapsed;
        if (crash)
        {
            topology.Primary.Kill();
        }
        else
        {
            await topology.Primary.StopAsync();
        }

        var primaryGoneAt = clock.Elapsed;
        await Task.Delay(promoteDelay);
        var promoteAt = clock.Elapsed;
        await topology.PromoteStandbyAsync();
        if (crash)
        {
            // The new primary has no standby of its own yet: it must stop waiting for one, as a failover tool would make it.
            await Scalar.ExecuteAsync(database.StandbyConnectionString, "ALTER SYSTEM SET synchronous_standby_names = ''; SELECT pg_reload_conf()");
        }

        var promotedAt = clock.Elapsed;
        var remaining = duration - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        stop.Cancel();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;

        var rows = await ReadRowsAsync(database.StandbyConnectionString);
        var lost = acknowledged.Keys.Count(handle => !rows.Users.ContainsKey(handle));
        var doubled = acknowledged.Keys.Count(handle => rows.Users.GetValueOrDefault(handle) > 1 || rows.Orders.GetValueOrDefault(handle) != 1);
        var undeleted = deleted.Keys.Count(id => !rows.Deleted.Contains(id));
        var landed = unacknowledged.Keys.Count(rows.Users.ContainsKey);
        var landedTwice = unacknowledged.Keys.Count(handle => rows.Users.GetValueOrDefault(handle) > 1 || rows.Orders.GetValueOrDefault(handle) > 1);
        var firstAfter = stats.FirstWriteAfter(primaryGoneAt);
        var recovery = firstAfter is { } first
            ? $"{(first - primaryGoneAt).TotalSeconds:0.00} s after the primary was gone, {(first - promoteAt).TotalSeconds:0.00} s after pg_ctl promote began"
            : "never";

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            failover soak: {Workers} workers, {elapsed.TotalSeconds:0} s, primary {(crash ? "killed (kill -9), synchronous replication" : "stopped (pg_ctl stop -m fast), asynchronous replication")}, standby promoted (pg_ctl promote)
            primary {(crash ? "killed" : "stopped")} at {failoverAt.TotalSeconds:0.0} s and gone {(primaryGoneAt - failoverAt).TotalSeconds:0.00} s later; pg_ctl promote began {(promoteAt - primaryGoneAt).TotalSeconds:0.00} s after that and returned after {(promotedAt - promoteAt).TotalSeconds:0.00} s
            first write acknowledged by the new primary {recovery}; longest time without an acknowledged write {stats.LongestGap().TotalSeconds:0.00} s
            operations acknowledged: {stats.Total} ({stats.Total / elapsed.TotalSeconds:0} per second): writes {stats.WriteCount} ({stats.WritesBefore(primaryGoneAt)} before the primary was gone, {stats.WriteCount - stats.WritesBefore(primaryGoneAt)} after), reads {stats.ReadCount}, soft deletes {stats.DeleteCount}
            errors after retries: {stats.ErrorCount} ({string.Join(", ", stats.Errors.Select(e => $"{e.Key} {e.Value}"))})
            acknowledged writes checked on the new primary: {acknowledged.Count}; lost {lost}; not exactly once {doubled}; soft deletes not in place {undeleted}; read anomalies {stats.AnomalyCount}
            writes not acknowledged: {unacknowledged.Count}, of which on the new primary {landed} (their commit got there, its answer was lost with the primary, and the retry met the unique handle), twice {landedTwice}
            """);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"failover-report-{(crash ? "kill" : "stop")}.txt"), report);

        Assert.True(lost == 0, report);
        Assert.True(doubled == 0, report);
        Assert.True(undeleted == 0, report);
        Assert.True(landedTwice == 0, report);
        Assert.True(stats.AnomalyCount == 0, report + "\n" + string.Join("\n", stats.Anomalies.Take(5)));
        Assert.True(firstAfter is not null, "No write was acknowledged after the failover.\n" + report);
        Assert.True(stats.ErrorCount * 10 < stats.Total, "More than one operation in ten failed after its retries.\n" + report);
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static async Task<(Dictionary<string, long> Users, Dictionary<string, long> Orders, HashSet<Guid> Deleted)> ReadRowsAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var users = new Dictionary<string, long>(StringComparer.Ordinal);
        var deletedIds = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("SELECT handle, id, deleted_at IS NOT NULL FROM \"user\" WHERE \"CamelCase\" = 'failover'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                users[reader.GetString(0)] = users.GetValueOrDefault(reader.GetString(0)) + 1;
                if (reader.GetBoolean(2))
                {
                    deletedIds.Add(reader.GetGuid(1));
                }
            }
        }

        var orders = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT \"select\", count(*) FROM \"order\" GROUP BY 1", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                orders[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return (users, orders, deletedIds);
    }

    private sealed class Stats
    {
        private readonly ConcurrentQueue<TimeSpan> _writes = new();
        private long _reads;
        private long _deletes;
        private long _errors;

        public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Anomalies { get; } = new();

        public long WriteCount => _writes.Count;

        public long ReadCount => Interlocked.Read(ref _reads);

        public long DeleteCount => Interlocked.Read(ref _deletes);

        public long ErrorCount => Interlocked.Read(ref _errors);

        public int AnomalyCount => Anomalies.Count;

        public long Total => WriteCount + ReadCount + DeleteCount;

        public long WritesBefore(TimeSpan at) => _writes.Count(t => t < at);

        public TimeSpan? FirstWriteAfter(TimeSpan at) => _writes.Where(t => t > at).Select(t => (TimeSpan?)t).Min();

        /// <summary>The longest stretch, between the first and the last acknowledged write, in which none was acknowledged.</summary>
        public TimeSpan LongestGap()
        {
            var times = _writes.OrderBy(t => t).ToList();
            return times.Count < 2 ? TimeSpan.Zero : times.Zip(times.Skip(1), (a, b) => b - a).Max();
        }

        public void Written(TimeSpan at) => _writes.Enqueue(at);

        public void Read() => Interlocked.Increment(ref _reads);

        public void Delete() => Interlocked.Increment(ref _deletes);

        public void Anomaly(string what) => Anomalies.Enqueue(what);

        public void Error(string kind)
        {
            Interlocked.Increment(ref _errors);
            Errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
        }
    }
}
