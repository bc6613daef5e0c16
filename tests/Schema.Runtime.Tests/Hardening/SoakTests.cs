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

namespace Schemata.Tests.Hardening;

/// <summary>
/// 50 concurrent sessions of mixed reads, writes and soft deletes through <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>
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
        var stats = new Stats();
        var acknowledged = new ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        var deleted = new ConcurrentDictionary<Guid, bool>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var restartsDone = 0;

        var workers = Enumerable.Range(0, Sessions).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var mine = new List<Guid>();
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(100);
                try
                {
                    if (roll < 50 || mine.Count == 0)
                    {
                        var handle = $"w{worker}-{n++}";
                        var id = await pg.Database.RunAsync(
                            async (session, token) =>
                            {
                                var user = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = "soak", Handle = handle, CamelCase = "soak" }, token);
                                await session.Orders().InsertAsync(new Order { UserId = user.Id, Select = handle, TotalDue = 1m }, token);
                                return user.Id;
                            },
                            retry);
                        acknowledged[handle] = id;
                        mine.Add(id);
                        stats.Writes(Volatile.Read(ref restartsDone));
                    }
                    else if (roll < 85)
                    {
                        var id = mine[random.Next(mine.Count)];
                        var found = await pg.Database.RunAsync(async (session, token) => await session.ReservedUsers().GetAsync(id, DeletedRows.Include, token), retry);
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
                        var done = await pg.Database.RunAsync(async (session, token) => await session.ReservedUsers().SoftDeleteAsync(id, token), retry);
                        if (done)
                        {
                            deleted[id] = true;
                        }

                        stats.Delete();
                    }
                }
                catch (Exception exception)
                {
                    // Not acknowledged: the write may or may not have landed; it is not in the acknowledged set.
                    stats.Error(exception.GetType().Name);
                }
            }
        })).ToList();

        await Task.Delay(duration / 3);
        await pg.RestartAsync();
        Interlocked.Increment(ref restartsDone);
        output.WriteLine($"clean restart at {clock.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(duration / 3);
        await pg.CrashAndRestartAsync();
        Interlocked.Increment(ref restartsDone);
        output.WriteLine($"kill -9 and restart at {clock.Elapsed.TotalSeconds:0.0} s");
        var remaining = duration - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        stop.Cancel();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;

        // Every acknowledged write exactly once (its user and its order), every acknowledged soft delete in place.
        var rows = await ReadRowsAsync();
        var lost = acknowledged.Keys.Count(handle => !rows.Users.ContainsKey(handle));
        var doubled = acknowledged.Keys.Count(handle => rows.Users.GetValueOrDefault(handle) > 1 || rows.Orders.GetValueOrDefault(handle) != 1);
        var undeleted = deleted.Keys.Count(id => !rows.Deleted.Contains(id));

        // Every session given back: nothing left active or idle in a transaction, and nothing left once disposed.
        var busy = await pg.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{pg.TestDatabase.Name}' AND state <> 'idle' AND pid <> pg_backend_pid()");
        var open = await pg.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{pg.TestDatabase.Name}' AND pid <> pg_backend_pid()");
        pg.Database.DataSource.Clear();
        var leftAfterClear = await WaitForNoConnectionsAsync();

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            soak: {Sessions} sessions, {elapsed.TotalSeconds:0} s, 2 restarts (clean + kill -9)
            operations acknowledged: {stats.Total} ({stats.Total / elapsed.TotalSeconds:0} per second): writes {stats.WriteCount}, reads {stats.ReadCount}, soft deletes {stats.DeleteCount}
            writes after the first restart: {stats.WritesAfter(1)}, after the second: {stats.WritesAfter(2)}
            errors after retries: {stats.ErrorCount} ({string.Join(", ", stats.Errors.Select(e => $"{e.Key} {e.Value}"))})
            acknowledged writes checked: {acknowledged.Count}; lost {lost}; not exactly once {doubled}; soft deletes not in place {undeleted}; read anomalies {stats.AnomalyCount}
            connections: {busy} busy and {open} open after the run (pool max 60), {leftAfterClear} left after the pool was cleared
            """);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report);

        Assert.True(lost == 0, report);
        Assert.True(doubled == 0, report);
        Assert.True(undeleted == 0, report);
        Assert.True(stats.AnomalyCount == 0, report + "\n" + string.Join("\n", stats.Anomalies.Take(5)));
        Assert.True(busy == 0 && leftAfterClear == 0 && open <= 60, report);
        Assert.True(stats.WritesAfter(2) > 0, "No write was acknowledged after the second restart.\n" + report);
        Assert.True(stats.ErrorCount * 10 < stats.Total, "More than one operation in ten failed after its retries.\n" + report);
    }

    private async Task<(Dictionary<string, long> Users, Dictionary<string, long> Orders, HashSet<Guid> Deleted)> ReadRowsAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var users = new Dictionary<string, long>(StringComparer.Ordinal);
        var deletedIds = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("SELECT handle, id, deleted_at IS NOT NULL FROM \"user\" WHERE \"CamelCase\" = 'soak'", connection))
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

    private sealed class Stats
    {
        private readonly long[] _writesByPhase = new long[3];
        private long _reads;
        private long _deletes;
        private long _errors;

        public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Anomalies { get; } = new();

        public long WriteCount => _writesByPhase.Sum();

        public long ReadCount => Interlocked.Read(ref _reads);

        public long DeleteCount => Interlocked.Read(ref _deletes);

        public long ErrorCount => Interlocked.Read(ref _errors);

        public int AnomalyCount => Anomalies.Count;

        public long Total => WriteCount + ReadCount + DeleteCount;

        public long WritesAfter(int restarts) => _writesByPhase.Skip(restarts).Sum();

        public void Writes(int phase) => Interlocked.Increment(ref _writesByPhase[Math.Min(phase, 2)]);

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
