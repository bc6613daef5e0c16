using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Base of the read scenarios: every contender holds its own open connection with an open transaction (the
/// <see cref="SchemaSession"/> is exactly that), so an invocation measures the query and its mapping, not the pool.
/// EF Core's contexts are created per invocation, as EF is used, over an already open connection.
/// </summary>
public abstract class OpenSessionBenchmarks
{
    private SchemaDatabase? _schemaDatabase;

    protected NpgsqlDataSource Source { get; private set; } = null!;

    protected NpgsqlConnection RawConnection { get; private set; } = null!;

    protected NpgsqlTransaction RawTransaction { get; private set; } = null!;

    protected SchemaSession Session { get; private set; } = null!;

    protected NpgsqlConnection DapperConnection { get; private set; } = null!;

    protected NpgsqlTransaction DapperTransaction { get; private set; } = null!;

    protected NpgsqlConnection AotConnection { get; private set; } = null!;

    protected NpgsqlTransaction AotTransaction { get; private set; } = null!;

    protected DbContextOptions<BenchContext> EfOptions { get; private set; } = null!;

    protected PooledDbContextFactory<BenchContext> EfPool { get; private set; } = null!;

    private NpgsqlConnection _efConnection = null!;
    private NpgsqlConnection _efPoolConnection = null!;

    [GlobalSetup]
    public async Task SetupConnectionsAsync()
    {
        var handle = BenchmarkDatabase.Get();
        Source = NpgsqlDataSource.Create(handle.ConnectionString);
        _schemaDatabase = SchemaDatabase.Create(handle.ConnectionString);
        RawConnection = await Source.OpenConnectionAsync();
        RawTransaction = await RawConnection.BeginTransactionAsync();
        Session = await SchemaSession.BeginAsync(_schemaDatabase);
        DapperConnection = await Source.OpenConnectionAsync();
        DapperTransaction = await DapperConnection.BeginTransactionAsync();
        AotConnection = await Source.OpenConnectionAsync();
        AotTransaction = await AotConnection.BeginTransactionAsync();
        _efConnection = await Source.OpenConnectionAsync();
        _efPoolConnection = await Source.OpenConnectionAsync();
        EfOptions = new DbContextOptionsBuilder<BenchContext>().UseNpgsql(_efConnection).Options;
        EfPool = new PooledDbContextFactory<BenchContext>(new DbContextOptionsBuilder<BenchContext>().UseNpgsql(_efPoolConnection).Options);
    }

    [GlobalCleanup]
    public async Task CleanupConnectionsAsync()
    {
        await RawTransaction.DisposeAsync();
        await RawConnection.DisposeAsync();
        await Session.DisposeAsync();
        await DapperTransaction.DisposeAsync();
        await DapperConnection.DisposeAsync();
        await AotTransaction.DisposeAsync();
        await AotConnection.DisposeAsync();
        await _efConnection.DisposeAsync();
        await _efPoolConnection.DisposeAsync();
        await Source.DisposeAsync();
        await _schemaDatabase!.DisposeAsync();
    }
}
