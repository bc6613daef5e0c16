using Schemata;

namespace Quickstart;

/// <summary>
/// The database the demo uses: DATABASE_URL when set, otherwise a throwaway PostgreSQL started for this run.
/// A native (NativeAOT) build leaves the throwaway server out (its Docker client is not trimming-safe) and needs
/// DATABASE_URL.
/// </summary>
internal sealed class QuickstartDatabase : IAsyncDisposable
{
    private readonly IAsyncDisposable? _server;

    private QuickstartDatabase(SchemaDatabase database, string description, IAsyncDisposable? server)
    {
        Database = database;
        Description = description;
        _server = server;
    }

    public SchemaDatabase Database { get; }

    public string Description { get; }

    public static async ValueTask<QuickstartDatabase> OpenAsync()
    {
        if (Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 })
        {
            var configured = SchemaDatabase.FromEnvironment();
            return new QuickstartDatabase(configured, configured.DisplayName, server: null);
        }

#if THROWAWAY_POSTGRES
        var server = await TestPostgres.StartAsync();
        var database = SchemaDatabase.Create(server.ConnectionString);
        return new QuickstartDatabase(database, $"{database.DisplayName} (throwaway, {server.Source})", server);
#else
        await Task.CompletedTask;
        throw new InvalidOperationException("Set DATABASE_URL, e.g. postgresql://app:PASSWORD@localhost:5432/app; this native build has no throwaway server.");
#endif
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
