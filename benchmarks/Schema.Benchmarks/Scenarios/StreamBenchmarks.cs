using System.Collections.Generic;
using System.Data;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>Scenario 4: every row of <c>items</c> (100,000) streamed, one object at a time, never buffered.</summary>
[BenchmarkCategory("4 stream 100,000 rows")]
public class StreamBenchmarks : OpenSessionBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<long> Npgsql()
    {
        await using var command = new NpgsqlCommand(Sql.AllItems, RawConnection, RawTransaction);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        long sum = 0;
        while (await reader.ReadAsync())
        {
            sum += HandWritten.ReadItem(reader).Quantity;
        }

        return sum;
    }

    [Benchmark]
    public Task<long> Schema() => SumAsync(Session.Items().StreamAsync());

    /// <summary>Diagnostic: the baseline's loop behind an async iterator, the shape <c>StreamAsync</c> has to have.</summary>
    [Benchmark]
    public Task<long> NpgsqlIterator() => SumAsync(IterateAsync());

    [Benchmark]
    public Task<long> Dapper() => SumAsync(DapperQueries.StreamAsync(DapperConnection, DapperTransaction));

    [Benchmark]
    public async Task<long> DapperAot()
    {
        long sum = 0;
        await foreach (var row in DapperAotQueries.StreamAsync(AotConnection, AotTransaction))
        {
            sum += row.Quantity;
        }

        return sum;
    }

    [Benchmark]
    public async Task<long> EfTracking()
    {
        await using var context = new BenchContext(EfOptions);
        return await SumAsync(context.Items.AsAsyncEnumerable());
    }

    [Benchmark]
    public async Task<long> EfNoTracking()
    {
        await using var context = new BenchContext(EfOptions);
        return await SumAsync(context.Items.AsNoTracking().AsAsyncEnumerable());
    }

    [Benchmark]
    public async Task<long> EfCompiled()
    {
        await using var context = new BenchContext(EfOptions);
        return await SumAsync(EfQueries.AllItems(context));
    }

    [Benchmark]
    public async Task<long> EfPooled()
    {
        await using var context = EfPool.CreateDbContext();
        return await SumAsync(EfQueries.AllItems(context));
    }

    private async IAsyncEnumerable<Item> IterateAsync()
    {
        await using var command = new NpgsqlCommand(Sql.AllItems, RawConnection, RawTransaction);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            yield return HandWritten.ReadItem(reader);
        }
    }

    private static async Task<long> SumAsync(IAsyncEnumerable<Item> rows)
    {
        long sum = 0;
        await foreach (var row in rows)
        {
            sum += row.Quantity;
        }

        return sum;
    }
}
