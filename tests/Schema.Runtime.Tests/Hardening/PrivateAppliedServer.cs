using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Hardening;

/// <summary>
/// A private local cluster (so it can be killed and restarted without touching the shared server) with one database
/// that has the test model applied.
/// </summary>
public sealed class PrivateAppliedServer : IAsyncLifetime
{
    public TestPostgres Server { get; private set; } = null!;

    public TestDatabase TestDatabase { get; private set; } = null!;

    public SchemaDatabase Database { get; private set; } = null!;

    public string ConnectionString => TestDatabase.ConnectionString;

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.FindNewest(null) is null)
        {
            throw new InvalidOperationException("Crash and soak tests need the PostgreSQL binaries for a private server (apt-get install -y postgresql).");
        }

        // The throwaway cluster runs with synchronous_commit off for speed, so a commit acknowledged a moment before a
        // kill -9 can be lost; that would be the test server's shortcut, not the library's fault. Crash and soak
        // tests measure the library, so their server acknowledges a commit only once its WAL is written.
        Server = await TestPostgres.StartAsync(
            TestPostgresDiscovery.LocalOnly,
            isShared: false,
            default,
            new TestPostgresOptions { ServerSettings = ["synchronous_commit = on"] });
        TestDatabase = await Server.CreateDatabaseAsync();
        Database = SchemaDatabase.Create(TestDatabase.ConnectionString, new SchemaDatabaseOptions { MaxPoolSize = 60 });
        await global::Schema.ApplyAsync(Database);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>kill -9 of the postmaster, then a start through crash recovery; pooled connections are dropped.</summary>
    public async Task CrashAndRestartAsync()
    {
        Server.Kill();
        await RestartAsync();
    }

    public async Task RestartAsync()
    {
        await Server.RestartAsync();
        Database.DataSource.Clear();
        NpgsqlConnection.ClearAllPools();
    }

    public async Task<T> QueryAsync<T>(string sql)
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        return await Scalar.QueryAsync<T>(settings.ConnectionString, sql);
    }
}
