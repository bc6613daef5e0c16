using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Base of scenarios 6 and 7: <see cref="Count"/> new rows in one committed unit of work, by the contenders both
/// scenarios run. Ours and the baseline use binary COPY; Dapper runs the INSERT once per row (its documented way for
/// a list); EF Core batches its INSERTs in SaveChanges.
/// </summary>
/// <remarks>
/// The rows are built once, outside the measurement, and written by every contender that leaves them as they are
/// (COPY, Dapper: the identity key stays 0), so time and allocations are the library's, not the row building's.
/// EF Core sets the keys of the objects it tracks, so its contenders build fresh rows in each invocation (about 0.3 KB
/// a row, a few percent of what EF allocates).
/// </remarks>
public abstract class WriteManyBenchmarks : UnitOfWorkBenchmarks
{
    private ItemWrite[]? _rows;

    /// <summary>The rows each invocation writes.</summary>
    protected abstract int Count { get; }

    /// <summary><see cref="Count"/> rows, built on first use (in the pilot and warmup runs).</summary>
    protected ItemWrite[] SharedRows => _rows ??= Rows.Writes(Count);

    [Benchmark(Baseline = true)]
    public async Task<ulong> Npgsql()
    {
        var rows = SharedRows;
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await HandWritten.CopyAsync(connection, rows);
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<ulong> Schema()
    {
        var rows = SharedRows;
        await using var session = await SchemaSession.BeginAsync(Database);
        var written = await session.ItemWrites().InsertManyAsync(rows);
        await session.CommitAsync();
        return written;
    }

    [Benchmark]
    public async Task<int> Dapper()
    {
        var rows = SharedRows;
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
