using System.Data;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>Scenario 2: one row by primary key, ten columns mapped to an object.</summary>
[BenchmarkCategory("2 get by id")]
public class GetByIdBenchmarks : OpenSessionBenchmarks
{
    private long _next;

    private long NextId() => 1 + (_next++ % BenchmarkSettings.StreamRows);

    [Benchmark(Baseline = true)]
    public async Task<Item?> Npgsql()
    {
        await using var command = new NpgsqlCommand(Sql.GetItem, RawConnection, RawTransaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = NextId() });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow);
        return await reader.ReadAsync() ? HandWritten.ReadItem(reader) : null;
    }

    [Benchmark]
    public ValueTask<Item?> Schema() => Session.Items().GetAsync(NextId());

    [Benchmark]
    public Task<Item?> Dapper() => DapperQueries.GetAsync(DapperConnection, DapperTransaction, NextId());

    [Benchmark]
    public Task<ItemAotRow?> DapperAot() => DapperAotQueries.GetAsync(AotConnection, AotTransaction, NextId());

    [Benchmark]
    public async Task<Item?> EfTracking()
    {
        var id = NextId();
        await using var context = new BenchContext(EfOptions);
        return await context.Items.FirstOrDefaultAsync(e => e.Id == id);
    }

    [Benchmark]
    public async Task<Item?> EfNoTracking()
    {
        var id = NextId();
        await using var context = new BenchContext(EfOptions);
        return await context.Items.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
    }

    [Benchmark]
    public async Task<Item?> EfCompiled()
    {
        await using var context = new BenchContext(EfOptions);
        return await EfQueries.GetItem(context, NextId());
    }

    [Benchmark]
    public async Task<Item?> EfPooled()
    {
        await using var context = EfPool.CreateDbContext();
        return await EfQueries.GetItem(context, NextId());
    }
}
