using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// The one PostgreSQL server and database of a run (benchmarks run in process, so they share it): started through
/// <see cref="TestPostgres"/>, schema applied with the generated <c>Schema.ApplyAsync</c>, <c>items</c> seeded
/// once with <see cref="BenchmarkSettings.StreamRows"/> rows (by the generated binary COPY, outside any measurement).
/// </summary>
public static class BenchmarkDatabase
{
    private static readonly Lazy<Task<Handle>> Current = new(StartAsync);

    /// <summary>The running server and prepared database, starting them on first use.</summary>
    public static Handle Get() => Current.Value.GetAwaiter().GetResult();

    /// <summary>Stops the server if it was started.</summary>
    public static async ValueTask StopAsync()
    {
        if (Current.IsValueCreated)
        {
            var handle = await Current.Value.ConfigureAwait(false);
            await handle.Database.DisposeAsync().ConfigureAwait(false);
            await handle.Server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Handle> StartAsync()
    {
        var server = await TestPostgres.StartAsync().ConfigureAwait(false);
        var database = await server.CreateDatabaseAsync().ConfigureAwait(false);
        await using (var schema = SchemaDatabase.Create(database.ConnectionString))
        {
            await global::Schema.ApplyAsync(schema).ConfigureAwait(false);
            await using var session = await schema.BeginAsync().ConfigureAwait(false);
            await session.Items().InsertManyAsync(Enumerable.Range(0, BenchmarkSettings.StreamRows).Select(Rows.Item)).ConfigureAwait(false);
            await session.CommitAsync().ConfigureAwait(false);
        }

        await using (var source = NpgsqlDataSource.Create(database.ConnectionString))
        await using (var analyze = source.CreateCommand("VACUUM ANALYZE items"))
        {
            await analyze.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new Handle(server, database);
    }

    /// <summary>The server and the benchmark database on it.</summary>
    public sealed record Handle(TestPostgres Server, TestDatabase Database)
    {
        public string ConnectionString => Database.ConnectionString;

        /// <summary>Empties <c>item_writes</c> so write scenarios start from the same table every time.</summary>
        public void TruncateWrites()
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("TRUNCATE item_writes RESTART IDENTITY", connection);
            command.ExecuteNonQuery();
        }
    }
}
