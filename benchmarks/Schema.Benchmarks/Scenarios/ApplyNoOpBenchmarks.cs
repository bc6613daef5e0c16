using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8a: apply on a database already at the model (the 30 tables of this assembly): the hash fast path.
/// The baseline is the least a hand-written check can do: begin, take the same advisory lock, read the last
/// recorded hash, commit.
/// </summary>
[BenchmarkCategory("8 apply, no-op")]
public class ApplyNoOpBenchmarks
{
    private SchemaDatabase _database = null!;
    private NpgsqlDataSource _source = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var handle = BenchmarkDatabase.Get();
        _database = SchemaDatabase.Create(handle.ConnectionString);
        _source = NpgsqlDataSource.Create(handle.ConnectionString);
        await global::Schema.ApplyAsync(_database);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<string?> Npgsql()
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7295108163)", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        string? hash;
        await using (var command = new NpgsqlCommand("SELECT model_hash FROM schema_history ORDER BY id DESC LIMIT 1", connection, transaction))
        {
            hash = (string?)await command.ExecuteScalarAsync();
        }

        await transaction.CommitAsync();
        return hash;
    }

    [Benchmark]
    public ValueTask<ApplyResult> Schema() => global::Schema.ApplyAsync(_database);
}
