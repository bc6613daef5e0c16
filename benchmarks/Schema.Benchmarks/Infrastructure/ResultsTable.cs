using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// One markdown table for the whole run: per scenario (and parameter), every contender's mean and allocations,
/// the 99.9% confidence margin, both as ratios to hand-written Npgsql, and Schema's time and allocations as ratios
/// to that contender.
/// </summary>
public static class ResultsTable
{
    public static string Render(IEnumerable<Summary> summaries)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | contender | mean | ± | allocated | time ÷ Npgsql | alloc ÷ Npgsql | Schema time ÷ this | Schema alloc ÷ this |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var summary in summaries)
        {
            var rows = summary.Reports
                .Where(r => r.Success && r.ResultStatistics is not null)
                .Select(r => new Row(
                    Scenario(r),
                    r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    r.ResultStatistics!.Mean,
                    r.ResultStatistics.N > 1 ? r.ResultStatistics.ConfidenceInterval.Margin / r.ResultStatistics.Mean : double.NaN,
                    r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
                .GroupBy(r => r.Scenario, StringComparer.Ordinal);
            foreach (var group in rows)
            {
                var baseline = group.FirstOrDefault(r => r.Contender == "Npgsql");
                var ours = group.FirstOrDefault(r => r.Contender == "Schema");
                foreach (var row in group)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Contender} | {Time(row.MeanNs)} | {Percent(row.Error)} | {Bytes(row.Bytes)} ")
                        .Append(CultureInfo.InvariantCulture, $"| {Ratio(row.MeanNs, baseline?.MeanNs)} | {Ratio(row.Bytes, baseline?.Bytes)} ")
                        .Append(CultureInfo.InvariantCulture, $"| {Ratio(ours?.MeanNs, row.MeanNs)} | {Ratio(ours?.Bytes, row.Bytes)} |")
                        .AppendLine();
                }

                // The generator scenario: what Schema adds on top of the floor every attribute-driven generator pays.
                var floor = group.FirstOrDefault(r => r.Contender == "Floor");
                var cold = group.FirstOrDefault(r => r.Contender == "Cold");
                if (floor is not null && cold is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| {group.Key} | Cold − Floor (Schema's own) | {Time(cold.MeanNs - floor.MeanNs)} | – | {Bytes(cold.Bytes - floor.Bytes)} | – | – | – | – |")
                        .AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string Scenario(BenchmarkReport report)
    {
        var category = report.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? report.BenchmarkCase.Descriptor.Type.Name;
        var parameters = report.BenchmarkCase.Parameters.PrintInfo;
        return string.IsNullOrEmpty(parameters) ? category : category + " (" + parameters + ")";
    }

    private static string Time(double ns) => ns switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.00 's'", CultureInfo.InvariantCulture),
        >= 1e6 => (ns / 1e6).ToString("0.00 'ms'", CultureInfo.InvariantCulture),
        >= 1e3 => (ns / 1e3).ToString("0.0 'µs'", CultureInfo.InvariantCulture),
        _ => ns.ToString("0 'ns'", CultureInfo.InvariantCulture),
    };

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / (1 << 20)).ToString("0.0 'MB'", CultureInfo.InvariantCulture),
        >= 1 << 10 => (bytes / (1 << 10)).ToString("0.0 'KB'", CultureInfo.InvariantCulture),
        _ => bytes.ToString("0 'B'", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? value, double? reference) =>
        value is { } v && reference is { } r && r > 0 ? (v / r).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double relative) =>
        double.IsNaN(relative) ? "–" : (relative * 100).ToString("0'%'", CultureInfo.InvariantCulture);

    /// <param name="Error">Half the 99.9% confidence interval, relative to the mean.</param>
    private sealed record Row(string Scenario, string Contender, double MeanNs, double Error, double Bytes);
}
