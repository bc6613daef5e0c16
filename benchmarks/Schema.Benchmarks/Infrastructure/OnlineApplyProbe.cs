using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// The online-apply scenario: version 1 of <see cref="OnlineApplyModelSource"/> applied and <c>tasks</c> filled with
/// millions of rows; two writers insert into it without pause; after a while `schema apply` of version 2 runs as a
/// process of its own, with its default options, as a deploy step would. Reported: each writer statement's wait before
/// the apply and during it (the longest is what the target is about), the apply's time, and the checks that make
/// the result worth having: every constraint validated, every index valid, no writer error, and the model's full
/// comparison afterwards finding nothing to do.
/// </summary>
public static class OnlineApplyProbe
{
    /// <summary>The longest a writer may wait during the apply.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromMilliseconds(250);

    private const int Users = 10_000;

    /// <summary>The writers' application name, by which the sampler finds them.</summary>
    private const string WriterName = "online-apply-writer";

    /// <summary>The apply's application name, by which the sampler finds what it is running.</summary>
    private const string ApplierName = "online-apply-schema";

    public static string Run(bool dry, int? rows)
    {
        var count = rows ?? (dry ? 20_000 : 2_000_000);
        var server = BenchmarkDatabase.Get().Server;
        var database = server.CreateDatabaseAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            return MeasureAsync(database.ConnectionString, count, dry).GetAwaiter().GetResult();
        }
        finally
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<string> MeasureAsync(string connectionString, int rows, bool dry)
    {
        var version1 = StartupApps.Get("OnlineV1", OnlineApplyModelSource.Version1, StartupBuild.Jit);
        var version2 = StartupApps.Get("OnlineV2", OnlineApplyModelSource.Version2, StartupBuild.Jit);
        Execute(version1, connectionString, "schema", "apply");
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var seed = source.CreateCommand(string.Create(
            CultureInfo.InvariantCulture,
            $"""
            INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, {Users}) g;
            INSERT INTO tasks (user_id, title, priority, code) SELECT 1 + g % {Users}, 'task ' || g, g % 11, 't' || g FROM generate_series(1, {rows}) g;
            """)))
        {
            seed.CommandTimeout = 0;
            await seed.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (var analyze = source.CreateCommand("VACUUM ANALYZE users, tasks"))
        {
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        await using var writerSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = WriterName }.ConnectionString);
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() => WriteAsync(writerSource, w, clock, stop.Token))).ToList();
        var sampler = Task.Run(() => SampleAsync(source, clock, stop.Token));
        await Task.Delay(dry ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10)).ConfigureAwait(false);

        var applyStart = clock.Elapsed;
        var pausedBefore = GC.GetTotalPauseDuration();
        var applyOutput = Execute(version2, new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplierName }.ConnectionString, "schema", "apply");
        var applyEnd = clock.Elapsed;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var results = await Task.WhenAll(writers).ConfigureAwait(false);
        var (lockWait, timeline) = await sampler.ConfigureAwait(false);
        var writes = results.SelectMany(r => r.Writes).ToList();
        var errors = results.SelectMany(r => r.Errors).ToList();

        var before = writes.Where(w => w.Start < applyStart).Select(w => w.Wait).ToList();
        var during = writes.Where(w => w.Start >= applyStart && w.Start <= applyEnd).Select(w => w.Wait).ToList();
        var slowest = writes.Where(w => w.Start >= applyStart && w.Start <= applyEnd).MaxBy(w => w.Wait);
        var meanwhile = timeline.Where(t => t.At >= slowest.Start && t.At <= slowest.Start + TimeSpan.FromMilliseconds(slowest.Wait)).ToList();
        var applying = string.Join("; ", meanwhile.Select(t => t.Applying).OfType<string>().Distinct().Select(q => "`" + q + "`"));
        var writerWaits = string.Join(", ", meanwhile.SelectMany(t => t.WriterWaits).Distinct());
        var invalidConstraints = await ScalarAsync(source, "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname IN ('users', 'tasks') AND NOT c.convalidated").ConfigureAwait(false);
        var constraints = await ScalarAsync(source, "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname = 'tasks' AND c.contype IN ('f', 'c')").ConfigureAwait(false);
        var invalidIndexes = await ScalarAsync(source, "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname IN ('users', 'tasks') AND NOT (i.indisvalid AND i.indisready)").ConfigureAwait(false);
        var indexes = await ScalarAsync(source, "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = 'tasks'").ConfigureAwait(false);
        var titleNotNull = await ScalarAsync(source, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'title' AND attnotnull").ConfigureAwait(false);
        var status = Execute(version2, connectionString, "status");

        var problems = new List<string>();
        if (errors.Count > 0)
        {
            problems.Add($"{errors.Count} writer error(s), the first: {errors[0]}");
        }

        if (invalidConstraints > 0 || constraints != 3)
        {
            problems.Add($"tasks has {constraints} foreign key and check constraint(s) of the 3 expected, {invalidConstraints} not validated");
        }

        if (invalidIndexes > 0 || indexes != 4)
        {
            problems.Add($"tasks has {indexes} index(es) of the 4 expected, {invalidIndexes} invalid");
        }

        if (titleNotNull != 1)
        {
            problems.Add("tasks.title is not NOT NULL");
        }

        if (!status.Contains("outcome=up to date", StringComparison.Ordinal))
        {
            problems.Add("the comparison after the apply is not empty: " + status.Trim());
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The online apply scenario failed: " + string.Join("; ", problems) + "\nThe apply printed:\n" + applyOutput);
        }

        var longest = during.Max();
        var verdict = longest <= Target.TotalMilliseconds ? "met" : "missed";
        return string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows in tasks, 2 writers inserting without pause, `schema apply` of version 2 with default options in {(applyEnd - applyStart).TotalSeconds:0.0} s. ")
            + string.Create(CultureInfo.InvariantCulture, $"Writer waits before the apply: {Describe(before)}; during it: {Describe(during)}. ")
            + string.Create(CultureInfo.InvariantCulture, $"Longest wait during the apply {longest:0} ms against the target of {Target.TotalMilliseconds:0} ms: {verdict}. ")
            + string.Create(CultureInfo.InvariantCulture, $"This process's own garbage collections paused its writers for {paused.TotalMilliseconds:0} ms in all during the apply. ")
            + string.Create(CultureInfo.InvariantCulture, $"While that writer waited, the apply was running {(applying.Length == 0 ? "nothing seen" : applying)} and the writers were seen {(writerWaits.Length == 0 ? "on the CPU or between statements" : "waiting on " + writerWaits)}. ")
            + (lockWait.Milliseconds == 0
                ? "No writer was seen waiting for a lock (sampled every 5 ms). "
                : string.Create(CultureInfo.InvariantCulture, $"Longest wait for a lock seen (sampled every 5 ms): about {lockWait.Milliseconds:0} ms, behind `{lockWait.Blocker}`. "))
            + "Afterwards: the foreign key and both checks validated, 4 indexes all valid, title NOT NULL, no writer error, and the full comparison finds nothing to do.";
    }

    private static async Task<(List<(TimeSpan Start, double Wait)> Writes, List<string> Errors)> WriteAsync(NpgsqlDataSource source, int writer, Stopwatch clock, CancellationToken stop)
    {
        var writes = new List<(TimeSpan, double)>();
        var errors = new List<string>();
        var random = new Random(writer);
        await using var connection = await source.OpenConnectionAsync(stop).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand("INSERT INTO tasks (user_id, title, priority, code) VALUES ($1, $2, $3, $4)", connection)
        {
            Parameters = { new NpgsqlParameter<long>(), new NpgsqlParameter<string>(), new NpgsqlParameter<int>(), new NpgsqlParameter<string>() },
        };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            ((NpgsqlParameter<long>)insert.Parameters[0]).TypedValue = random.Next(1, Users + 1);
            ((NpgsqlParameter<string>)insert.Parameters[1]).TypedValue = "written " + i.ToString(CultureInfo.InvariantCulture);
            ((NpgsqlParameter<int>)insert.Parameters[2]).TypedValue = random.Next(0, 11);
            ((NpgsqlParameter<string>)insert.Parameters[3]).TypedValue = "w" + writer.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);
            var start = clock.Elapsed;
            try
            {
                await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                writes.Add((start, (clock.Elapsed - start).TotalMilliseconds));
            }
            catch (PostgresException exception)
            {
                errors.Add(exception.MessageText);
            }
        }

        return (writes, errors);
    }

    /// <summary>
    /// Looks every 5 ms at the writers and the apply: returns the longest run of samples one writer spent waiting for a
    /// lock (its length in milliseconds and the statement it waited behind), and the timeline of what the apply was
    /// running and what the writers were waiting on. It tells a wait for a lock from one for the CPU or the disk, which
    /// a loaded machine adds to every statement.
    /// </summary>
    private static async Task<((double Milliseconds, string? Blocker) LockWait, List<Sample> Timeline)> SampleAsync(NpgsqlDataSource source, Stopwatch clock, CancellationToken stop)
    {
        await using var connection = await source.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var sample = new NpgsqlCommand(
            $"""
            SELECT w.pid, w.application_name, w.wait_event_type, w.wait_event, regexp_replace(left(w.query, 100), '\s+', ' ', 'g'),
                   (SELECT regexp_replace(left(b.query, 160), '\s+', ' ', 'g') FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(w.pid)) LIMIT 1)
            FROM pg_stat_activity w
            WHERE w.application_name IN ('{WriterName}', '{ApplierName}') AND w.state = 'active'
            """,
            connection);
        var waiting = new Dictionary<int, (TimeSpan Since, string? Blocker)>();
        var longest = (Milliseconds: 0.0, Blocker: (string?)null);
        var timeline = new List<Sample>();
        while (!stop.IsCancellationRequested)
        {
            var now = clock.Elapsed;
            var locked = new Dictionary<int, string?>();
            string? applying = null;
            var writerWaits = new List<string>();
            await using (var reader = await sample.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    var waitType = reader.IsDBNull(2) ? null : reader.GetString(2);
                    if (reader.GetString(1) == ApplierName)
                    {
                        applying = reader.GetString(4);
                    }
                    else if (waitType is not null)
                    {
                        writerWaits.Add(waitType + "/" + reader.GetString(3));
                        if (waitType == "Lock")
                        {
                            locked[reader.GetInt32(0)] = reader.IsDBNull(5) ? null : reader.GetString(5);
                        }
                    }
                }
            }

            timeline.Add(new Sample(now, applying, writerWaits));
            foreach (var pid in waiting.Keys.Except(locked.Keys).ToList())
            {
                waiting.Remove(pid);
            }

            foreach (var (pid, blocker) in locked)
            {
                var since = waiting.TryGetValue(pid, out var started) ? started.Since : now;
                waiting[pid] = (since, blocker ?? started.Blocker);
                var length = (clock.Elapsed - since).TotalMilliseconds;
                if (length > longest.Milliseconds)
                {
                    longest = (length, waiting[pid].Blocker);
                }
            }

            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }

        return (longest, timeline);
    }

    /// <summary>One look: when, the statement the apply was running (if any), and what the writers were waiting on.</summary>
    private sealed record Sample(TimeSpan At, string? Applying, List<string> WriterWaits);

    private static string Describe(List<double> waits)
    {
        var sorted = waits.Order().ToList();
        double At(double quantile) => sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"{sorted.Count:N0} inserts, median {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, longest {sorted[^1]:0} ms");
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>Runs the published app and returns what it printed; a failure throws with its output.</summary>
    private static string Execute(string app, string connectionString, params string[] arguments)
    {
        using var process = Process.Start(StartupApps.StartInfo(app, StartupBuild.Jit, connectionString, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', arguments)}` failed ({process.ExitCode}):\n{output.Result}\n{error}");
        }

        return output.Result + error;
    }
}
