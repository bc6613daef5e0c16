using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;
using Schemata.Benchmarks.Infrastructure;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8b: apply on an empty database: the 30-table model created from nothing (enum, tables, keys, foreign
/// keys, unique and plain indexes) plus the history record. The baseline runs <c>Schema.Script</c>, the same DDL,
/// in one transaction with Npgsql: what apply adds on top of the DDL itself is the catalog read, the plan and the
/// history. A fresh database is made before each invocation, outside the measurement.
/// </summary>
[BenchmarkCategory("8 apply, full create")]
[LongRunning(5)]
public class ApplyCreateBenchmarks
{
    private TestDatabase _empty = null!;
    private SchemaDatabase _database = null!;
    private NpgsqlDataSource _source = null!;

    [IterationSetup]
    public void CreateEmptyDatabase()
    {
        var server = BenchmarkDatabase.Get().Server;
        _empty = server.CreateDatabaseAsync().AsTask().GetAwaiter().GetResult();
        _database = SchemaDatabase.Create(_empty.ConnectionString);
        _source = NpgsqlDataSource.Create(_empty.ConnectionString);

        // Both contenders start with a warm pool, so neither pays for the physical connect.
        _database.OpenConnectionAsync().AsTask().GetAwaiter().GetResult().Dispose();
        _source.OpenConnection().Dispose();
    }

    [IterationCleanup]
    public void DropDatabase()
    {
        _database.Dispose();
        _source.Dispose();
        _empty.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task Npgsql()
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(global::Schema.Script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Benchmark]
    public ValueTask<ApplyResult> Schema() => global::Schema.ApplyAsync(_database);
}
