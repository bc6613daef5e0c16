using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>Scenario 3: 1,000 rows × 10 columns read into a list.</summary>
[BenchmarkCategory("3 read 1,000 rows")]
public class ReadPageBenchmarks : OpenSessionBenchmarks
{
    private static int Limit => BenchmarkSettings.PageRows;

    [Benchmark(Baseline = true)]
    public async Task<List<Item>> Npgsql()
    {
        await using var command = new NpgsqlCommand(Sql.PageItems, RawConnection, RawTransaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Item>(Limit);
        while (await reader.ReadAsync())
        {
            rows.Add(HandWritten.ReadItem(reader));
        }

        return rows;
    }

    /// <summary>Diagnostic: the baseline with a list that grows instead of one sized to the limit.</summary>
    [Benchmark]
    public async Task<List<Item>> NpgsqlGrowingList()
    {
        await using var command = new NpgsqlCommand(Sql.PageItems, RawConnection, RawTransaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Item>();
        while (await reader.ReadAsync())
        {
            rows.Add(HandWritten.ReadItem(reader));
        }

        return rows;
    }

    [Benchmark]
    public ValueTask<List<Item>> Schema() => Session.Items().ListAsync(limit: Limit);

    [Benchmark]
    public async Task<List<Item>> Dapper() => (await DapperQueries.PageAsync(DapperConnection, DapperTransaction, Limit)).AsList();

    [Benchmark]
    public async Task<List<ItemAotRow>> DapperAot() => (await DapperAotQueries.PageAsync(AotConnection, AotTransaction, Limit)).AsList();

    [Benchmark]
    public async Task<List<Item>> EfTracking()
    {
        await using var context = new BenchContext(EfOptions);
        return await context.Items.OrderBy(e => e.Id).Take(Limit).ToListAsync();
    }

    [Benchmark]
    public async Task<List<Item>> EfNoTracking()
    {
        await using var context = new BenchContext(EfOptions);
        return await context.Items.AsNoTracking().OrderBy(e => e.Id).Take(Limit).ToListAsync();
    }

    [Benchmark]
    public async Task<List<Item>> EfCompiled()
    {
        await using var context = new BenchContext(EfOptions);
        return await ToListAsync(EfQueries.PageItems(context, Limit));
    }

    [Benchmark]
    public async Task<List<Item>> EfPooled()
    {
        await using var context = EfPool.CreateDbContext();
        return await ToListAsync(EfQueries.PageItems(context, Limit));
    }

    private static async Task<List<Item>> ToListAsync(IAsyncEnumerable<Item> rows)
    {
        var list = new List<Item>(Limit);
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
