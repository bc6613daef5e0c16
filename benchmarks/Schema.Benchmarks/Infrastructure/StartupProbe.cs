using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// Whole processes of the startup app (<see cref="StartupApps"/>), the large model against the small one in
/// alternating rounds: a no-op startup apply (<c>Schema.Apply()</c> on a database already at the model), and a full
/// comparison, as the <c>schema status</c> command (with the JIT profile its first run recorded) and through the API. Each run's wall time is measured from outside, its peak resident memory read
/// from the process itself (<c>VmHWM</c>); the ratio of the two sizes comes with its 99.9% confidence interval across
/// rounds, since the machine's speed wanders more than the 1.2× a target allows.
/// </summary>
public static class StartupProbe
{
    private const int Small = 4;
    private const int Large = 1000;

    public static string Run(bool dry, bool aot)
    {
        var (small, large) = dry ? (2, 20) : (Small, Large);
        var server = BenchmarkDatabase.Get().Server;
        var smallDatabase = server.CreateDatabaseAsync().AsTask().GetAwaiter().GetResult();
        var largeDatabase = server.CreateDatabaseAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            return Measure(dry, aot, small, large, smallDatabase, largeDatabase);
        }
        finally
        {
            smallDatabase.DisposeAsync().AsTask().GetAwaiter().GetResult();
            largeDatabase.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static string Measure(bool dry, bool aot, int small, int large, TestDatabase smallDatabase, TestDatabase largeDatabase)
    {
        var report = new StringBuilder();
        StartupBuild[] builds = dry ? [StartupBuild.Jit] : aot ? [StartupBuild.Jit, StartupBuild.ReadyToRun, StartupBuild.NativeAot] : [StartupBuild.Jit, StartupBuild.ReadyToRun];
        foreach (var native in builds)
        {
            var runtime = native switch { StartupBuild.NativeAot => "NativeAOT", StartupBuild.ReadyToRun => "JIT with ReadyToRun", _ => "JIT" };
            // The first apply creates each model's tables; the measured ones find the hash recorded.
            RunOnce(small, native, "apply", smallDatabase.ConnectionString);
            RunOnce(large, native, "apply", largeDatabase.ConnectionString);
            var apply = Pairs(small, large, native, "apply", smallDatabase.ConnectionString, largeDatabase.ConnectionString, dry ? 2 : 30);
            report.Append(CultureInfo.InvariantCulture, $"\n- No-op startup apply, {runtime}: {Describe(apply, small, large)}");
            // The command records which methods it compiled; the measured runs find that profile from this first one.
            RunOnce(small, native, "schema-status", smallDatabase.ConnectionString);
            RunOnce(large, native, "schema-status", largeDatabase.ConnectionString);
            var command = Pairs(small, large, native, "schema-status", smallDatabase.ConnectionString, largeDatabase.ConnectionString, dry ? 1 : 10);
            report.Append(CultureInfo.InvariantCulture, $"\n- Full comparison, the `schema status` command, whole process, {runtime}: {Describe(command, small, large)}");
            var status = Pairs(small, large, native, "status", smallDatabase.ConnectionString, largeDatabase.ConnectionString, dry ? 1 : 10);
            report.Append(CultureInfo.InvariantCulture, $"\n- Full comparison through the API (`StatusAsync`, no JIT profile), whole process, {runtime}: {Describe(status, small, large)}");
        }

        return report.ToString();
    }

    private static List<(Measured Small, Measured Large)> Pairs(int small, int large, StartupBuild aot, string mode, string smallUrl, string largeUrl, int rounds)
    {
        var pairs = new List<(Measured, Measured)>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                var s = RunOnce(small, aot, mode, smallUrl);
                pairs.Add((s, RunOnce(large, aot, mode, largeUrl)));
            }
            else
            {
                var l = RunOnce(large, aot, mode, largeUrl);
                pairs.Add((RunOnce(small, aot, mode, smallUrl), l));
            }
        }

        return pairs;
    }

    private static string Describe(List<(Measured Small, Measured Large)> pairs, int small, int large)
    {
        var (wall, wallMargin) = Ratio(pairs, r => r.WallMilliseconds);
        var (memory, memoryMargin) = Ratio(pairs, r => r.PeakKilobytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{pairs.Count} alternating round(s). {small} tables: {pairs.Average(p => p.Small.WallMilliseconds):0.0} ms, {pairs.Average(p => p.Small.PeakKilobytes) / 1024:0.0} MiB peak; "
            + $"{large} tables: {pairs.Average(p => p.Large.WallMilliseconds):0.0} ms, {pairs.Average(p => p.Large.PeakKilobytes) / 1024:0.0} MiB peak. "
            + $"{large} ÷ {small}: time {wall:0.00}× ± {wallMargin:0.00}, memory {memory:0.00}× ± {memoryMargin:0.00} (99.9% CI).");
    }

    /// <summary>The mean of the per-round ratios, and half its 99.9% confidence interval.</summary>
    private static (double Mean, double Margin) Ratio(List<(Measured Small, Measured Large)> pairs, Func<Measured, double> value)
    {
        var ratios = pairs.Select(p => value(p.Large) / value(p.Small)).ToList();
        var mean = ratios.Average();
        if (ratios.Count < 2)
        {
            return (mean, double.NaN);
        }

        var deviation = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (ratios.Count - 1));
        return (mean, StudentT999(ratios.Count - 1) * deviation / Math.Sqrt(ratios.Count));
    }

    // Two-sided 99.9% quantiles of Student's t for the round counts used here.
    private static double StudentT999(int degrees) => degrees switch
    {
        1 => 636.6,
        9 => 4.781,
        29 => 3.659,
        _ => 3.5,
    };

    private static Measured RunOnce(int tables, StartupBuild aot, string mode, string connectionString)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(StartupApps.StartInfo(tables, aot, mode, connectionString))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        var line = output.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The startup app ({tables} tables, {mode}) failed ({process.ExitCode}): {line}{error.GetAwaiter().GetResult()}");
        }

        var peak = line.Split(' ').Select(part => part.Split('=')).First(kv => kv[0] == "peak_rss_kb")[1];
        return new Measured(wall, double.Parse(peak, CultureInfo.InvariantCulture));
    }

    private sealed record Measured(double WallMilliseconds, double PeakKilobytes);
}
