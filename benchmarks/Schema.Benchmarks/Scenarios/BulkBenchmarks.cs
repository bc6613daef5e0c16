using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 7: 100,000 rows in one committed unit of work, against raw COPY, EF Core <c>SaveChanges</c> and Dapper.
/// One invocation per iteration (each takes from a tenth of a second to many seconds), and <c>item_writes</c> is
/// emptied after every iteration.
/// </summary>
[BenchmarkCategory("7 bulk 100,000 rows")]
[LongRunning(3)]
public class BulkBenchmarks : WriteManyBenchmarks
{
    protected override int Count => BenchmarkSettings.BulkRows;

    [IterationCleanup]
    public void EmptyTable() => BenchmarkDatabase.Get().TruncateWrites();
}
