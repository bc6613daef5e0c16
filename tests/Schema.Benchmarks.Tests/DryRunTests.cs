using System;
using System.IO;
using Xunit;

namespace Schemata.Benchmarks.Tests;

/// <summary>
/// CI never measures: it proves that every benchmark still executes, by running the benchmark program in its dry
/// mode (one invocation each, small data, in this process) and requiring that none failed.
/// </summary>
public sealed class DryRunTests
{
    [Fact]
    public void EveryBenchmarkExecutesInDryMode()
    {
        var output = new StringWriter();
        var original = Console.Out;
        int exitCode;
        Console.SetOut(output);
        try
        {
            exitCode = BenchmarkEntry.Run(["--dry"]);
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.True(exitCode == 0, "The dry run failed:" + Environment.NewLine + Tail(text));
        Assert.Contains(" 0 failed", text, StringComparison.Ordinal);
        foreach (var probe in new[] { "Session overhead, paired probe: 2 rounds", "Get by id, paired probe: 2 rounds", "Insert one, paired probe: 2 rounds", "Insert 1,000 rows, paired probe: 2 rounds", "Generator caching: 10 entities" })
        {
            Assert.Contains(probe, text, StringComparison.Ordinal);
        }
    }

    private static string Tail(string text) => text.Length <= 20_000 ? text : text[^20_000..];
}
