using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A database of its own on a <see cref="TestPostgres"/> server, for one test class or test; disposing it drops
/// it (<c>DROP DATABASE … WITH (FORCE)</c>), closing whatever connections are still open.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private int _disposed;

    internal TestDatabase(TestPostgres server, string name, string connectionString)
    {
        Server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name, unique per creation (for example <c>test_3f9a0c1b2d4e</c>).</summary>
    public string Name { get; }

    /// <summary>Npgsql keyword connection string to this database, with the server's user and password.</summary>
    public string ConnectionString { get; }

    /// <summary>The server this database lives on.</summary>
    public TestPostgres Server { get; }

    /// <summary>Closes pooled connections to this database and drops it.</summary>
    /// <returns>A task that completes when the database is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ClearPool();
        await Server.DropDatabaseAsync(this, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Closes the idle connections Npgsql's pool holds for <see cref="ConnectionString"/>.</summary>
    internal void ClearPool()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
