using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>A database of its own with the blog model (Data/Model) applied, shared by the tests of one class.</summary>
public sealed class BlogDatabase : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public SchemaDatabase Database { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.SharedAsync();
        _database = await server.CreateDatabaseAsync();
        Database = SchemaDatabase.Create(_database.ConnectionString);
        await Schemata.Tests.Model.Schema.ApplyAsync(Database);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }

    public ValueTask<SchemaSession> BeginAsync() => SchemaSession.BeginAsync(Database);
}
