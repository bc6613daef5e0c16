using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class SharedServerTests
{
    private static bool UsesLocalBinaries =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TEST_DATABASE_URL")) && !DockerProbe.EngineAnswers();

    [Fact]
    public async Task Concurrent_callers_get_one_server()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => TestPostgres.SharedAsync().AsTask()));

        Assert.All(servers, server => Assert.Same(servers[0], server));
    }

    [Fact]
    public async Task The_shared_server_is_a_superuser_on_the_maintenance_database()
    {
        var server = await TestPostgres.SharedAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(1, await Scalar.QueryAsync<int>(connection, "SELECT 1"));
        Assert.True(await Scalar.QueryAsync<bool>(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal("postgres", await Scalar.QueryAsync<string>(connection, "SELECT current_database()"));
    }

    [Fact]
    public async Task The_local_cluster_is_fast_loopback_only_and_roomy()
    {
        var server = await TestPostgres.SharedAsync();
        if (!UsesLocalBinaries)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();

        Assert.StartsWith("local PostgreSQL ", server.Source, StringComparison.Ordinal);
        Assert.Matches(@"^local PostgreSQL \d+ at /", server.Source);
        Assert.Equal("off", await Scalar.QueryAsync<string>(connection, "SHOW fsync"));
        Assert.Equal("off", await Scalar.QueryAsync<string>(connection, "SHOW synchronous_commit"));
        Assert.Equal("off", await Scalar.QueryAsync<string>(connection, "SHOW full_page_writes"));
        Assert.Equal("127.0.0.1", await Scalar.QueryAsync<string>(connection, "SHOW listen_addresses"));
        Assert.True(int.Parse(await Scalar.QueryAsync<string>(connection, "SHOW max_connections"), System.Globalization.CultureInfo.InvariantCulture) >= 200);
        Assert.Equal("scram-sha-256", await Scalar.QueryAsync<string>(connection, "SHOW password_encryption"));
    }

    [Fact]
    public async Task The_local_cluster_requires_the_password_over_tcp()
    {
        var server = await TestPostgres.SharedAsync();
        if (!UsesLocalBinaries)
        {
            return;
        }

        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "not-the-password" };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task The_shared_server_cannot_be_stopped_or_disposed_by_one_test()
    {
        var server = await TestPostgres.SharedAsync();

        Assert.False(server.CanControlServer);
        var stop = await Assert.ThrowsAsync<InvalidOperationException>(async () => await server.StopAsync());
        Assert.Throws<InvalidOperationException>(server.Kill);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await server.RestartAsync());
        Assert.Contains("the shared server", stop.Message, StringComparison.Ordinal);

        await server.DisposeAsync();
        await using var database = await server.CreateDatabaseAsync();
        Assert.Equal(1, await Scalar.QueryAsync<int>(database.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task Sixty_sessions_run_at_once()
    {
        var server = await TestPostgres.SharedAsync();
        await using var database = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 60 });

        var pids = await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid() FROM pg_sleep(0.3)", connection);
            return (int)(await command.ExecuteScalarAsync())!;
        }));

        Assert.Equal(60, pids.Distinct().Count());
    }
}
