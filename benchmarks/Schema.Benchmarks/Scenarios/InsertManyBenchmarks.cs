using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: 1,000 new rows in one committed unit of work: the contenders of <see cref="WriteManyBenchmarks"/>, and
/// Dapper.AOT and EF Core's pooled context, which the 100,000-row scenario leaves out.
/// </summary>
[BenchmarkCategory("6 insert 1,000 rows")]
public class InsertManyBenchmarks : WriteManyBenchmarks
{
    protected override int Count => BenchmarkSettings.ManyRows;

    [Benchmark]
    public async Task<int> DapperAot()
    {
        var rows = SharedRows;
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await DapperAotQueries.InsertManyAsync(connection, transaction, rows);
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<int> EfPooled()
    {
        var rows = Rows.Writes(Count);
        await using var context = EfPool.CreateDbContext();
        context.ItemWrites.AddRange(rows);
        return await context.SaveChangesAsync();
    }
}
