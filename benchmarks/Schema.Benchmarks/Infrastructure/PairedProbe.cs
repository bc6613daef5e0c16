using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Schemata.Benchmarks.Scenarios;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// Schema against the hand-written baseline by alternating rounds, for differences below what one benchmark row
/// resolves here. BenchmarkDotNet runs each contender's iterations one after the other, so a machine that drifts
/// (client and server share two cores) moves one row against the other by more than the few percent a target
/// allows, and its allocation count per operation includes whatever the thread pool and timers allocate meanwhile.
/// This probe runs many rounds of units, alternating the two sides and their order, and reports the difference per
/// unit with its 99.9% confidence interval across rounds, for wall time and for allocated bytes.
/// </summary>
public static class PairedProbe
{
    // Many short rounds: the machine's speed wanders over seconds, and alternating often cancels more of it.
    private const int Rounds = 100;

    // Student's t for a two-sided 99.9% interval with Rounds − 1 degrees of freedom.
    private const double T999 = 3.392;

    /// <summary>Session overhead (scenario 1): a whole unit of work at a time, <see cref="SessionBenchmarks"/>' units.</summary>
    public static string Sessions(bool dry)
    {
        var handle = BenchmarkDatabase.Get();
        using var source = NpgsqlDataSource.Create(handle.ConnectionString);
        using var database = SchemaDatabase.Create(handle.ConnectionString);
        return Run(() => SessionBenchmarks.NpgsqlUnit(source), () => SessionBenchmarks.SchemaUnit(database), dry ? 20 : 400, dry);
    }

    /// <summary>Get by id (scenario 2): <see cref="GetByIdBenchmarks"/>' own baseline and Schema methods, on its open sessions.</summary>
    public static string GetById(bool dry)
    {
        var scenario = new GetByIdBenchmarks();
        scenario.SetupConnectionsAsync().GetAwaiter().GetResult();
        try
        {
            return Run(scenario.Npgsql, () => scenario.Schema().AsTask(), dry ? 20 : 400, dry);
        }
        finally
        {
            scenario.CleanupConnectionsAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>Insert one row with RETURNING (scenario 5): <see cref="InsertOneBenchmarks"/>' baseline and Schema units.</summary>
    public static string InsertOne(bool dry)
    {
        var scenario = new InsertOneBenchmarks();
        scenario.SetupPools();
        try
        {
            return Run(scenario.Npgsql, scenario.Schema, dry ? 20 : 100, dry, BenchmarkDatabase.Get().TruncateWrites);
        }
        finally
        {
            scenario.CleanupPoolsAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>Insert 1,000 rows (scenario 6): <see cref="InsertManyBenchmarks"/>' baseline and Schema units.</summary>
    public static string InsertMany(bool dry)
    {
        var scenario = new InsertManyBenchmarks();
        scenario.SetupPools();
        try
        {
            return Run(scenario.Npgsql, scenario.Schema, dry ? 2 : 10, dry, BenchmarkDatabase.Get().TruncateWrites);
        }
        finally
        {
            scenario.CleanupPoolsAsync().GetAwaiter().GetResult();
        }
    }

    /// <param name="raw">One unit of the hand-written baseline.</param>
    /// <param name="ours">The same unit through Schema.</param>
    /// <param name="units">Units per side and round.</param>
    /// <param name="dry">Two rounds instead of a hundred: only proves the probe runs.</param>
    /// <param name="betweenRounds">Run outside the measurement before each round (e.g. emptying a table).</param>
    private static string Run(Func<Task> raw, Func<Task> ours, int units, bool dry, Action? betweenRounds = null)
    {
        var rounds = dry ? 2 : Rounds;
        betweenRounds?.Invoke();
        Measure(raw, units);
        Measure(ours, units);
        var rawSamples = new List<Sample>();
        var ourSamples = new List<Sample>();
        for (var round = 0; round < rounds; round++)
        {
            betweenRounds?.Invoke();
            // Alternate the order so that a drift over the run favours neither side.
            var first = round % 2 == 0;
            (first ? rawSamples : ourSamples).Add(Measure(first ? raw : ours, units));
            (first ? ourSamples : rawSamples).Add(Measure(first ? ours : raw, units));
        }

        var wall = Difference(rawSamples, ourSamples, s => s.WallMicroseconds);
        var bytes = Difference(rawSamples, ourSamples, s => s.Bytes);
        var rawWall = rawSamples.Average(s => s.WallMicroseconds);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{rounds} rounds × {units:N0} units, one at a time. Wall time per unit {rawWall:0.0} µs hand-written, "
            + $"{ourSamples.Average(s => s.WallMicroseconds):0.0} µs Schema: Schema − hand-written = {wall.Mean:+0.00;-0.00} µs ± {wall.Margin:0.00} µs (99.9% CI), "
            + $"ratio {(rawWall + wall.Mean) / rawWall:0.000} ({(rawWall + wall.Mean - wall.Margin) / rawWall:0.000}–{(rawWall + wall.Mean + wall.Margin) / rawWall:0.000}). "
            + $"Allocated per unit {rawSamples.Average(s => s.Bytes):0} B hand-written, {ourSamples.Average(s => s.Bytes):0} B Schema: "
            + $"Schema − hand-written = {bytes.Mean:+0;-0} B ± {bytes.Margin:0} B (99.9% CI).");
    }

    private static Sample Measure(Func<Task> unit, int count)
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            unit().GetAwaiter().GetResult();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        return new Sample(elapsed.TotalMicroseconds / count, (double)allocated / count);
    }

    private static (double Mean, double Margin) Difference(List<Sample> raw, List<Sample> ours, Func<Sample, double> value)
    {
        var differences = raw.Zip(ours, (r, o) => value(o) - value(r)).ToList();
        var mean = differences.Average();
        if (differences.Count < 2)
        {
            return (mean, double.NaN);
        }

        var deviation = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
        return (mean, T999 * deviation / Math.Sqrt(differences.Count));
    }

    private sealed record Sample(double WallMicroseconds, double Bytes);
}
