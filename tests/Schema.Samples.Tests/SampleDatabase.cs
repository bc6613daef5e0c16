using Npgsql;

namespace Schemata.Samples.Tests;

/// <summary>A fresh database on the shared test server, with a sample's schema applied.</summary>
public sealed class SampleDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private SampleDatabase(TestDatabase database, SchemaDatabase schemaDatabase)
    {
        _database = database;
        Database = schemaDatabase;
    }

    /// <summary>The database, connected as the server's superuser.</summary>
    public SchemaDatabase Database { get; }

    /// <summary>The superuser connection string of this database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Creates an empty database and applies <paramref name="model"/> unless told not to.</summary>
    public static async Task<SampleDatabase> CreateAsync(SchemaModel model, bool apply = true)
    {
        var server = await TestPostgres.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var schemaDatabase = SchemaDatabase.Create(database.ConnectionString);
        if (apply)
        {
            await model.ApplyAsync(schemaDatabase);
        }

        return new SampleDatabase(database, schemaDatabase);
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of every row as text.</summary>
    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>Runs <paramref name="sql"/> and returns the single value.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }
}
