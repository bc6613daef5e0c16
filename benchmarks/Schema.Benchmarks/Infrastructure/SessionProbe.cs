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
/// The session-overhead target is stated in microseconds and bytes per unit of work, below what one benchmark row
/// resolves: BenchmarkDotNet's allocation count per operation includes whatever the thread pool and timers allocate
/// meanwhile, and a ~150 µs round trip varies by far more than 1 µs. This probe runs many rounds of units one after
/// another, alternating the hand-written unit and Schema's (<see cref="SessionBenchmarks.NpgsqlUnit"/>,
/// <see cref="SessionBenchmarks.SchemaUnit"/>), and reports the difference per unit with its 99.9% confidence
/// interval across rounds, for wall time and for allocated bytes.
/// </summary>
public static class SessionProbe
{
    // Student's t for a two-sided 99.9% interval with 20 − 1 degrees of freedom.
    private const double T999 = 3.883;
    private const int Rounds = 20;

    public static string Run(bool dry)
    {
        var units = dry ? 20 : 2_000;
        var rounds = dry ? 2 : Rounds;
        var handle = BenchmarkDatabase.Get();
        using var source = NpgsqlDataSource.Create(handle.ConnectionString);
        using var database = SchemaDatabase.Create(handle.ConnectionString);

        Task Raw() => SessionBenchmarks.NpgsqlUnit(source);
        Task Ours() => SessionBenchmarks.SchemaUnit(database);

        Measure(Raw, units);
        Measure(Ours, units);
        var raw = new List<Sample>();
        var ours = new List<Sample>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order so that a drift over the run favours neither side.
            var first = round % 2 == 0;
            (first ? raw : ours).Add(Measure(first ? Raw : Ours, units));
            (first ? ours : raw).Add(Measure(first ? Ours : Raw, units));
        }

        var wall = Difference(raw, ours, s => s.WallMicroseconds);
        var bytes = Difference(raw, ours, s => s.Bytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{rounds} rounds × {units:N0} units, one at a time. Wall time per unit {raw.Average(s => s.WallMicroseconds):0.0} µs hand-written, "
            + $"{ours.Average(s => s.WallMicroseconds):0.0} µs Schema: Schema − hand-written = {wall.Mean:+0.00;-0.00} µs ± {wall.Margin:0.00} µs (99.9% CI). "
            + $"Allocated per unit {raw.Average(s => s.Bytes):0} B hand-written, {ours.Average(s => s.Bytes):0} B Schema: "
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
