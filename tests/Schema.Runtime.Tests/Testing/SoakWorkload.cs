using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests;

/// <summary>
/// The workload of the soak tests: concurrent workers, each looping over a unit of work through
/// <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>
/// that writes a <see cref="ReservedUser"/> with a unique handle and its <see cref="Order"/> (50 %), reads one of its own
/// acknowledged rows back (35 %) or soft-deletes one (15 %). It keeps the acknowledged writes and soft deletes, the
/// writes that failed after their retries, and the <see cref="Statistics"/>; <see cref="CheckRowsAsync"/> then reads
/// what is on the server. Each user carries the workload's tag (in "CamelCase"), and the check reads only those.
/// </summary>
internal sealed class SoakWorkload : IAsyncDisposable
{
    private readonly string _tag;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Guid> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unacknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, bool> _deleted = new();
    private readonly List<Task> _workers;

    private SoakWorkload(SchemaDatabase database, string tag, int workers, SchemaUnitOfWorkOptions retry)
    {
        _tag = tag;
        _workers = Enumerable.Range(0, workers).Select(worker => Task.Run(() => RunWorkerAsync(database, worker, retry))).ToList();
    }

    /// <summary>Counts of the operations acknowledged, the times of the acknowledged writes, and the errors.</summary>
    public Statistics Stats { get; } = new();

    /// <summary>Time since the workload started: the clock of <see cref="Statistics"/>, for marking restarts or a failover.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Writes acknowledged so far (each a user and its order).</summary>
    public int AcknowledgedWrites => _acknowledged.Count;

    /// <summary>Writes that failed after their retries: they may or may not have landed.</summary>
    public int UnacknowledgedWrites => _unacknowledged.Count;

    /// <summary>Starts <paramref name="workers"/> workers on <paramref name="database"/>, their rows marked with <paramref name="tag"/>.</summary>
    public static SoakWorkload Start(SchemaDatabase database, string tag, int workers, SchemaUnitOfWorkOptions retry) =>
        new(database, tag, workers, retry);

    /// <summary>
    /// Lets the workload run until <paramref name="duration"/> after its start (at once if that has passed), then stops
    /// the workers, waits for them (at most two minutes) and returns how long the workload ran.
    /// </summary>
    public async Task<TimeSpan> StopAtAsync(TimeSpan duration)
    {
        var remaining = duration - _clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromMinutes(2));
        return _clock.Elapsed;
    }

    /// <summary>Reads the rows on the server behind <paramref name="connectionString"/> and compares them with what was acknowledged.</summary>
    public async Task<RowCheck> CheckRowsAsync(string connectionString)
    {
        var rows = await ReadRowsAsync(connectionString);
        return new RowCheck(
            Lost: _acknowledged.Keys.Count(handle => !rows.Users.ContainsKey(handle)),
            NotExactlyOnce: _acknowledged.Keys.Count(handle => rows.Users.GetValueOrDefault(handle) > 1 || rows.Orders.GetValueOrDefault(handle) != 1),
            SoftDeletesNotInPlace: _deleted.Keys.Count(id => !rows.Deleted.Contains(id)),
            UnacknowledgedFound: _unacknowledged.Keys.Count(rows.Users.ContainsKey),
            UnacknowledgedTwice: _unacknowledged.Keys.Count(handle => rows.Users.GetValueOrDefault(handle) > 1 || rows.Orders.GetValueOrDefault(handle) > 1));
    }

    /// <summary>Every acknowledged write exactly once (its user and its order), every acknowledged soft delete in place, every read of an own row as expected.</summary>
    public void AssertAcknowledgedRowsHeld(RowCheck rows, string report)
    {
        Assert.True(rows.Lost == 0, report);
        Assert.True(rows.NotExactlyOnce == 0, report);
        Assert.True(rows.SoftDeletesNotInPlace == 0, report);
        Assert.True(Stats.AnomalyCount == 0, report + "\n" + string.Join("\n", Stats.Anomalies.Take(5)));
    }

    /// <summary>At most one operation in ten failed after its retries.</summary>
    public void AssertFewErrors(string report) =>
        Assert.True(Stats.ErrorCount * 10 < Stats.Total, "More than one operation in ten failed after its retries.\n" + report);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            try
            {
                await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException)
            {
                // A worker still waiting on the server after two minutes is left to its retries.
            }
        }

        _stop.Dispose();
    }

    private async Task RunWorkerAsync(SchemaDatabase database, int worker, SchemaUnitOfWorkOptions retry)
    {
        var random = new Random(worker);
        var mine = new List<Guid>();
        var n = 0;
        while (!_stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            string? handle = null;
            try
            {
                if (roll < 50 || mine.Count == 0)
                {
                    var written = $"{_tag}-{worker}-{n++}";
                    handle = written;
                    var id = await database.RunAsync(
                        async (session, token) =>
                        {
                            var user = await session.ReservedUsers().InsertAsync(new ReservedUser { WeirdName = _tag, Handle = written, CamelCase = _tag }, token);
                            await session.Orders().InsertAsync(new Order { UserId = user.Id, Select = written, TotalDue = 1m }, token);
                            return user.Id;
                        },
                        retry);
                    _acknowledged[written] = id;
                    mine.Add(id);
                    Stats.Written(_clock.Elapsed);
                }
                else if (roll < 85)
                {
                    var id = mine[random.Next(mine.Count)];
                    var found = await database.RunAsync(async (session, token) => await session.ReservedUsers().GetAsync(id, DeletedRows.Include, token), retry);
                    var isDeleted = _deleted.ContainsKey(id);
                    if (found is null || (found.DeletedAt is not null) != isDeleted)
                    {
                        Stats.Anomaly($"read of {id}: {(found is null ? "missing" : "deleted_at " + found.DeletedAt)} while deleted={isDeleted}");
                    }

                    Stats.Read();
                }
                else
                {
                    var id = mine[random.Next(mine.Count)];
                    mine.Remove(id);
                    if (await database.RunAsync(async (session, token) => await session.ReservedUsers().SoftDeleteAsync(id, token), retry))
                    {
                        _deleted[id] = true;
                    }

                    Stats.Delete();
                }
            }
            catch (Exception exception)
            {
                // Not acknowledged: the write may or may not have landed (for instance a commit whose answer was lost
                // with the server); it is not in the acknowledged set, and is counted on its own by CheckRowsAsync.
                Stats.Error(exception.GetType().Name);
                if (handle is not null && !_acknowledged.ContainsKey(handle))
                {
                    _unacknowledged[handle] = true;
                }
            }
        }
    }

    /// <summary>Users of this workload's tag by handle (with the ids of those soft-deleted), and orders by "select".</summary>
    private async Task<(Dictionary<string, long> Users, Dictionary<string, long> Orders, HashSet<Guid> Deleted)> ReadRowsAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var users = new Dictionary<string, long>(StringComparer.Ordinal);
        var deletedIds = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("SELECT handle, id, deleted_at IS NOT NULL FROM \"user\" WHERE \"CamelCase\" = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _tag });
            await using var reader = await command.ExecuteReaderAsync();
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

    /// <summary>
    /// What <see cref="CheckRowsAsync"/> found: acknowledged writes missing or not there exactly once, acknowledged soft
    /// deletes not in place, and of the writes not acknowledged, how many are there at all and how many twice.
    /// </summary>
    public sealed record RowCheck(int Lost, int NotExactlyOnce, int SoftDeletesNotInPlace, int UnacknowledgedFound, int UnacknowledgedTwice);

    /// <summary>Operations acknowledged, with the time of each acknowledged write on the workload's clock, and errors by exception type.</summary>
    public sealed class Statistics
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

        /// <summary>The error count and, in brackets, the count of each exception type: "3 (TimeoutException 2, ...)".</summary>
        public string ErrorSummary => string.Create(CultureInfo.InvariantCulture, $"{ErrorCount} ({string.Join(", ", Errors.Select(e => $"{e.Key} {e.Value}"))})");

        public long WritesBefore(TimeSpan at) => _writes.Count(t => t < at);

        public long WritesAfter(TimeSpan at) => _writes.Count(t => t >= at);

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
