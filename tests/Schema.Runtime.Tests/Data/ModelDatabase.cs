using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>A database of its own with a model applied, shared by the tests of one class; the subclass says which model.</summary>
public abstract class ModelDatabase : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public SchemaDatabase Database { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.SharedAsync();
        _database = await server.CreateDatabaseAsync();
        Database = SchemaDatabase.Create(_database.ConnectionString);
        await ApplyAsync(Database);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }

    public ValueTask<SchemaSession> BeginAsync() => SchemaSession.BeginAsync(Database);

    /// <summary>Applies the model to the new database.</summary>
    protected abstract Task ApplyAsync(SchemaDatabase database);
}
