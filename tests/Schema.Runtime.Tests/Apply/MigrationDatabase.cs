using System;
using System.Threading.Tasks;

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

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }
}
