using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Schemata.Tests.Sessions;
using Xunit;

namespace Schemata.Tests.Hosting;

public sealed class HostingTests(SessionDatabase fixture) : IClassFixture<SessionDatabase>
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ServiceProvider Services(Action<SchemaHostingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSchemaDatabase(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task One_call_registers_a_singleton_database_a_scoped_session_and_a_health_check()
    {
        await using var provider = Services(o => o.ConnectionString = fixture.ConnectionString);

        Assert.Same(provider.GetRequiredService<SchemaDatabase>(), provider.GetRequiredService<SchemaDatabase>());
        await using (var scope = provider.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<SchemaSession>();
            Assert.Same(session, scope.ServiceProvider.GetRequiredService<SchemaSession>());
            await session.ExecuteAsync($"INSERT INTO owners VALUES (100, 'scoped-commit')");
            await scope.ServiceProvider.GetRequiredService<SchemaScopedSession>().CompleteAsync(succeeded: true);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var scoped = scope.ServiceProvider.GetRequiredService<SchemaScopedSession>();
            var session = await scoped.GetAsync();
            await session.ExecuteAsync($"INSERT INTO owners VALUES (101, 'scoped-dropped')");
        }

        Assert.Equal(1L, await Scalar.QueryAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM owners WHERE id IN (100, 101)"));
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal("ok", report.Entries["postgres"].Description);
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSchemaDatabase().AddSchemaDatabase());
    }

    [Fact]
    public async Task Startup_against_an_unreachable_server_fails_within_the_startup_timeout()
    {
        var url = $"postgresql://app:Sup3r-Secret-Pw@127.0.0.1:{FreePort()}/app?connect_timeout=1";
        await using var provider = Services(o =>
        {
            o.ConnectionString = url;
            o.StartupTimeout = TimeSpan.FromSeconds(2);
        });
        var startup = provider.GetServices<IHostedService>().OfType<SchemaStartupService>().Single();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(() => startup.StartAsync(CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        Assert.Contains("startup timeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret-Pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_can_go_on_when_the_database_is_down_and_the_health_check_says_why()
    {
        var url = $"postgresql://app:Sup3r-Secret-Pw@127.0.0.1:{FreePort()}/app?connect_timeout=1";
        await using var provider = Services(o =>
        {
            o.ConnectionString = url;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
            o.FailStartupOnError = false;
        });

        await provider.GetServices<IHostedService>().OfType<SchemaStartupService>().Single().StartAsync(CancellationToken.None);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var description = report.Entries["postgres"].Description!;
        Assert.StartsWith("error: ", description, StringComparison.Ordinal);
        Assert.Contains("refused", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret-Pw", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_can_be_applied_at_startup()
    {
        var server = await TestPostgres.SharedAsync();
        await using var database = await server.CreateDatabaseAsync();
        await using var provider = Services(o =>
        {
            o.ConnectionString = database.ConnectionString;
            o.ApplySchemaOnStartup = global::TaskApi.Data.Schema.Model;
        });

        await provider.GetServices<IHostedService>().OfType<SchemaStartupService>().Single().StartAsync(CancellationToken.None);

        Assert.Equal(2L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'tasks')"));
    }
}
