using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

/// <summary>One database of its own per test class, on the process-wide shared server.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public TestPostgres Server { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public NpgsqlConnectionStringBuilder Settings => new(Database.ConnectionString);

    public async Task InitializeAsync()
    {
        Server = await TestPostgres.SharedAsync();
        Database = await Server.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>A URL to this database, built the way people write DATABASE_URL.</summary>
    public string Url(string? query = null)
    {
        var settings = Settings;
        var url = $"postgresql://{settings.Username}:{System.Uri.EscapeDataString(settings.Password!)}@{settings.Host}:{settings.Port}/{settings.Database}";
        return query is null ? url : url + "?" + query;
    }
}
