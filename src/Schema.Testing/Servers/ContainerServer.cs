using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Schemata;

/// <summary>A PostgreSQL container started through Testcontainers; its reaper removes it if we die.</summary>
internal sealed class ContainerServer : IServerBackend
{
    internal const string Image = "postgres:17-alpine";

    private readonly PostgreSqlContainer _container;

    private ContainerServer(PostgreSqlContainer container)
    {
        _container = container;
        ConnectionString = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
    }

    public string ConnectionString { get; }

    public string Source => $"Testcontainers ({Image})";

    internal static async ValueTask<ContainerServer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(Image)
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200")
            .WithLogger(NullLogger.Instance)
            .Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ContainerServer(container);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
