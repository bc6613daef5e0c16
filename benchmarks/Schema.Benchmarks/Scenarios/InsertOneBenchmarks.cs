using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>Scenario 5: one row inserted with its generated key read back (RETURNING), in its own committed unit of work.</summary>
[BenchmarkCategory("5 insert one")]
public class InsertOneBenchmarks : UnitOfWorkBenchmarks
{
    private int _next;

    [Benchmark(Baseline = true)]
    public async Task<long> Npgsql()
    {
        var row = Rows.Write(_next++);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(Sql.InsertWrite, connection, transaction))
        {
            HandWritten.AddInsertParameters(command, row);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            row.Id = reader.GetFieldValue<long>(0);
        }

        await transaction.CommitAsync();
        return row.Id;
    }

    [Benchmark]
    public async Task<long> Schema()
    {
        var row = Rows.Write(_next++);
        await using var session = await SchemaSession.BeginAsync(Database);
        await session.ItemWrites().InsertAsync(row);
        await session.CommitAsync();
        return row.Id;
    }

    [Benchmark]
    public async Task<long> Dapper()
    {
        var row = Rows.Write(_next++);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        row.Id = await DapperQueries.InsertAsync(connection, transaction, row);
        await transaction.CommitAsync();
        return row.Id;
    }

    [Benchmark]
    public async Task<long> DapperAot()
    {
        var row = Rows.Write(_next++);
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        row.Id = await DapperAotQueries.InsertAsync(connection, transaction, row);
        await transaction.CommitAsync();
        return row.Id;
    }

    /// <summary>EF's unit of work: SaveChanges begins and commits its own transaction.</summary>
    [Benchmark]
    public async Task<long> EfTracking()
    {
        var row = Rows.Write(_next++);
        await using var context = new BenchContext(EfOptions);
        context.ItemWrites.Add(row);
        await context.SaveChangesAsync();
        return row.Id;
    }

    [Benchmark]
    public async Task<long> EfPooled()
    {
        var row = Rows.Write(_next++);
        await using var context = EfPool.CreateDbContext();
        context.ItemWrites.Add(row);
        await context.SaveChangesAsync();
        return row.Id;
    }
}
