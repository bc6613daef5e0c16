using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>A database of its own on the shared test server, with a <see cref="SchemaDatabase"/> over it.</summary>
internal sealed class MigrationDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MigrationDatabase(TestDatabase database)
    {
        _database = database;
        Database = SchemaDatabase.Create(database.ConnectionString);
    }

    public string ConnectionString => _database.ConnectionString;

    public SchemaDatabase Database { get; }

    public static async Task<MigrationDatabase> CreateAsync()
    {
        var server = await TestPostgres.SharedAsync();
        return new MigrationDatabase(await server.CreateDatabaseAsync());
    }

    public Task<T> QueryAsync<T>(string sql) => Scalar.QueryAsync<T>(ConnectionString, sql);

    public Task ExecuteAsync(string sql) => Scalar.ExecuteAsync(ConnectionString, sql);

    /// <summary>
    /// Waits until <paramref name="countQuery"/> counts at least one row, failing the test after
    /// <paramref name="limit"/> (20 s unless given); <paramref name="check"/>, when given, runs before each wait, to
    /// fail sooner with what went wrong.
    /// </summary>
    public async Task UntilAsync(string countQuery, TimeSpan? limit = null, Func<Task>? check = null)
    {
        var clock = Stopwatch.StartNew();
        while (await QueryAsync<long>(countQuery) == 0)
        {
            if (check is not null)
            {
                await check();
            }

            Assert.True(clock.Elapsed < (limit ?? TimeSpan.FromSeconds(20)), "Timed out waiting for: " + countQuery);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }
}
