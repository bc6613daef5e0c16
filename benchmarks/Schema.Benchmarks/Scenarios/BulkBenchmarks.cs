using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 7: 100,000 rows in one committed unit of work. One invocation per iteration (each takes from a tenth of
/// a second to many seconds), and <c>item_writes</c> is emptied after every iteration.
/// </summary>
[BenchmarkCategory("7 bulk 100,000 rows")]
[LongRunning(3)]
public class BulkBenchmarks : UnitOfWorkBenchmarks
{
    private static int Count => BenchmarkSettings.BulkRows;

    [IterationCleanup]
    public void EmptyTable() => BenchmarkDatabase.Get().TruncateWrites();

    [Benchmark(Baseline = true)]
    public async Task<ulong> Npgsql()
    {
        var rows = Rows.Writes(Count);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await HandWritten.CopyAsync(connection, rows);
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<ulong> Schema()
    {
        var rows = Rows.Writes(Count);
        await using var session = await SchemaSession.BeginAsync(Database);
        var written = await session.ItemWrites().InsertManyAsync(rows);
        await session.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<int> Dapper()
    {
        var rows = Rows.Writes(Count);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await DapperQueries.InsertManyAsync(connection, transaction, rows);
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<int> EfTracking()
    {
        var rows = Rows.Writes(Count);
        await using var context = new BenchContext(EfOptions);
        context.ItemWrites.AddRange(rows);
        return await context.SaveChangesAsync();
    }
}
