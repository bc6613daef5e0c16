using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Sessions;

/// <summary>A database of its own with plain tables for session tests (no generated code involved).</summary>
public sealed class SessionDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public string ConnectionString => Database.ConnectionString;

    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password!;

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.SharedAsync();
        Database = await server.CreateDatabaseAsync();
        await Scalar.ExecuteAsync(ConnectionString, """
            CREATE TABLE owners (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE items (
                id uuid PRIMARY KEY,
                owner_id int CONSTRAINT fk_items_owner_id REFERENCES owners (id),
                label text NOT NULL,
                qty int NOT NULL DEFAULT 0 CONSTRAINT ck_items_qty CHECK (qty >= 0));
            CREATE UNIQUE INDEX uq_items_owner_id_label ON items (owner_id, label);
            CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL);
            INSERT INTO owners VALUES (1, 'one'), (2, 'two');
            """);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public SchemaDatabase Create(SchemaDatabaseOptions? options = null) => SchemaDatabase.Create(ConnectionString, options);
}
