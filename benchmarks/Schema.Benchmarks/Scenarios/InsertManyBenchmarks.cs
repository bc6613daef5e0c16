using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: 1,000 new rows in one committed unit of work. Ours and the baseline use binary COPY; Dapper runs the
/// INSERT once per row (its documented way for a list); EF Core batches its INSERTs in SaveChanges.
/// </summary>
[BenchmarkCategory("6 insert 1,000 rows")]
public class InsertManyBenchmarks : UnitOfWorkBenchmarks
{
    private static int Count => BenchmarkSettings.ManyRows;

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
    public async Task<int> DapperAot()
    {
        var rows = Rows.Writes(Count);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await DapperAotQueries.InsertManyAsync(connection, transaction, rows);
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

    [Benchmark]
    public async Task<int> EfPooled()
    {
        var rows = Rows.Writes(Count);
        await using var context = EfPool.CreateDbContext();
        context.ItemWrites.AddRange(rows);
        return await context.SaveChangesAsync();
    }
}
