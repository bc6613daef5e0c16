using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Base of the scenarios whose invocation is a whole unit of work from the pool: open, begin, work, commit,
/// dispose. Each contender has its own pool; <c>item_writes</c> is emptied before each benchmark.
/// </summary>
public abstract class UnitOfWorkBenchmarks
{
    protected NpgsqlDataSource Source { get; private set; } = null!;

    protected SchemaDatabase Database { get; private set; } = null!;

    protected DbContextOptions<BenchContext> EfOptions { get; private set; } = null!;

    protected PooledDbContextFactory<BenchContext> EfPool { get; private set; } = null!;

    private NpgsqlDataSource _efSource = null!;

    [GlobalSetup]
    public void SetupPools()
    {
        var handle = BenchmarkDatabase.Get();
        handle.TruncateWrites();
        Source = NpgsqlDataSource.Create(handle.ConnectionString);
        Database = SchemaDatabase.Create(handle.ConnectionString);
        _efSource = NpgsqlDataSource.Create(handle.ConnectionString);
        EfOptions = new DbContextOptionsBuilder<BenchContext>().UseNpgsql(_efSource).Options;
        EfPool = new PooledDbContextFactory<BenchContext>(EfOptions);
    }

    [GlobalCleanup]
    public async Task CleanupPoolsAsync()
    {
        await Source.DisposeAsync();
        await Database.DisposeAsync();
        await _efSource.DisposeAsync();
    }
}
