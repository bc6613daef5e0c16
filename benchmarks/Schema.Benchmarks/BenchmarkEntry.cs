using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Scenarios;

namespace Schemata.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Schema.Benchmarks</c> for the measured run,
/// <c>--dry</c> for one invocation of each on small data (what CI runs, through tests/Schema.Benchmarks.Tests).
/// Other arguments go to BenchmarkDotNet (<c>--filter *Stream*</c>).
/// </summary>
public static class BenchmarkEntry
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dry = args.Contains("--dry", StringComparer.Ordinal);
        var aot = args.Contains("--aot", StringComparer.Ordinal);
        BenchmarkSettings.Dry = dry;
        var rest = args.Where(a => !string.Equals(a, "--dry", StringComparison.Ordinal) && !string.Equals(a, "--aot", StringComparison.Ordinal)).ToList();
        if (rest.Contains("--online-apply", StringComparer.Ordinal))
        {
            return RunOnlineApply(dry, rest);
        }

        if (!rest.Contains("--filter", StringComparer.Ordinal))
        {
            rest.AddRange(["--filter", "*"]);
        }

        var artifacts = Path.Combine(dry ? Path.GetTempPath() : Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts" + (dry ? "-dry-" + Environment.ProcessId : string.Empty));
        StartupApps.Root = Path.Combine(artifacts, "startup");
        try
        {
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run([.. rest], Config(dry, artifacts)).ToList();
            bool Ran(Type scenario) => summaries.Any(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == scenario));
            var report = ResultsTable.Render(summaries);
            if (Ran(typeof(GeneratorBenchmarks)))
            {
                report += Environment.NewLine + "Generator caching: " + GeneratorBenchmarks.DescribeCaching(dry ? 10 : 100) + Environment.NewLine;
            }

            if (Ran(typeof(SessionBenchmarks)))
            {
                report += Environment.NewLine + "Session overhead, paired probe: " + PairedProbe.Sessions(dry) + Environment.NewLine;
            }

            if (Ran(typeof(GetByIdBenchmarks)))
            {
                report += Environment.NewLine + "Get by id, paired probe: " + PairedProbe.GetById(dry) + Environment.NewLine;
            }

            if (Ran(typeof(InsertOneBenchmarks)))
            {
                report += Environment.NewLine + "Insert one, paired probe: " + PairedProbe.InsertOne(dry) + Environment.NewLine;
            }

            if (Ran(typeof(InsertManyBenchmarks)))
            {
                report += Environment.NewLine + "Insert 1,000 rows, paired probe: " + PairedProbe.InsertMany(dry) + Environment.NewLine;
            }

            if (Ran(typeof(ApplySizeBenchmarks)))
            {
                report += Environment.NewLine + "Startup probe (whole processes of benchmarks/Schema.Benchmarks.Startup" + (dry ? ", JIT" : aot ? ", JIT, ReadyToRun and NativeAOT" : ", JIT and ReadyToRun; `-- --aot` adds NativeAOT") + "):"
                    + StartupProbe.Run(dry, aot) + Environment.NewLine;
                report += Environment.NewLine + "Online apply (`--online-apply` runs it alone): " + OnlineApplyProbe.Run(dry, null) + Environment.NewLine;
            }

            if (!dry)
            {
                Directory.CreateDirectory(artifacts);
                File.WriteAllText(Path.Combine(artifacts, "results.md"), report);
            }

            Console.WriteLine(report);

            var failures = Failures(summaries);
            foreach (var failure in failures)
            {
                Console.Error.WriteLine("FAILED: " + failure);
            }

            Console.WriteLine($"{summaries.Sum(s => s.BenchmarksCases.Length) - failures.Count} passed, {failures.Count} failed");
            return failures.Count == 0 && summaries.Count > 0 ? 0 : 1;
        }
        finally
        {
            BenchmarkDatabase.StopAsync().AsTask().GetAwaiter().GetResult();
            if (dry && Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    /// <summary>
    /// <c>--online-apply [--rows N]</c>: only the online-apply scenario (<see cref="OnlineApplyProbe"/>), 2,000,000
    /// rows unless told otherwise; no BenchmarkDotNet run.
    /// </summary>
    private static int RunOnlineApply(bool dry, List<string> args)
    {
        var at = args.IndexOf("--rows");
        int? rows = at >= 0 && at + 1 < args.Count ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
        StartupApps.Root = Path.Combine(Path.GetTempPath(), "schema-online-apply-" + Environment.ProcessId);
        try
        {
            Console.WriteLine("Online apply: " + OnlineApplyProbe.Run(dry, rows));
            return 0;
        }
        finally
        {
            BenchmarkDatabase.StopAsync().AsTask().GetAwaiter().GetResult();
            if (Directory.Exists(StartupApps.Root))
            {
                Directory.Delete(StartupApps.Root, recursive: true);
            }
        }
    }

    private static IConfig Config(bool dry, string artifacts)
    {
        // In process: one PostgreSQL and one seeded database serve every benchmark, and no per-benchmark build runs.
        var job = dry
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(0).WithId("Dry")
            : Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(20)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("InProcessShort");
        var config = DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        return dry ? config.WithOptions(ConfigOptions.DisableOptimizationsValidator) : config;
    }

    private static List<string> Failures(IReadOnlyList<Summary> summaries)
    {
        var failures = new List<string>();
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failures.AddRange(summary.ValidationErrors.Select(e => e.Message));
            }

            foreach (var benchmark in summary.BenchmarksCases)
            {
                var report = summary[benchmark];
                if (report is null || !report.Success || report.ResultStatistics is null)
                {
                    failures.Add(benchmark.DisplayInfo);
                }
            }
        }

        return failures;
    }
}
