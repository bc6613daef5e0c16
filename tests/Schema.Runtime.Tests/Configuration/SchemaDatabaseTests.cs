using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class SchemaDatabaseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string WrongPassword = "Wr0ng-Zebra7Piano";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_url_connects_and_runs_select_1()
    {
        await using var database = SchemaDatabase.Create(fixture.Url("sslmode=disable&application_name=url-test&pool_max=5"));
        await using var connection = await database.OpenConnectionAsync();

        Assert.Equal(1, await Scalar.QueryAsync<int>(connection, "SELECT 1"));
        Assert.Equal("url-test", await Scalar.QueryAsync<string>(connection, "SELECT current_setting('application_name')"));
        Assert.Equal(fixture.Database.Name, await Scalar.QueryAsync<string>(connection, "SELECT current_database()"));
    }

    [Fact]
    public async Task A_keyword_string_connects_and_runs_select_1()
    {
        await using var database = SchemaDatabase.Create(fixture.Database.ConnectionString);
        await using var connection = await database.OpenConnectionAsync();

        Assert.Equal(1, await Scalar.QueryAsync<int>(connection, "SELECT 1"));
    }

    [Fact]
    public async Task The_data_source_is_the_one_pool()
    {
        await using var database = SchemaDatabase.Create(fixture.Database.ConnectionString);
        await using var command = database.DataSource.CreateCommand("SELECT 41 + 1");

        Assert.Equal(42, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Several_hosts_are_tried_in_turn()
    {
        var settings = fixture.Settings;
        var url = $"postgresql://{settings.Username}:{Uri.EscapeDataString(settings.Password!)}@127.0.0.1:{FreePort()},{settings.Host}:{settings.Port}/{settings.Database}";
        await using var database = SchemaDatabase.Create(url);
        await using var connection = await database.OpenConnectionAsync();

        Assert.Equal(1, await Scalar.QueryAsync<int>(connection, "SELECT 1"));
    }

    [Fact]
    public void DisplayName_is_host_port_database_without_the_password()
    {
        var settings = fixture.Settings;
        using var database = SchemaDatabase.Create(fixture.Url());

        Assert.Equal($"{settings.Host}:{settings.Port}/{settings.Database}", database.DisplayName);
        Assert.Equal(database.DisplayName, database.ToString());
        Assert.DoesNotContain(settings.Password!, database.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplayName_brackets_IPv6_and_lists_several_hosts()
    {
        using var ipv6 = SchemaDatabase.Create("postgresql://app:pw@[::1]:5433/appdb");
        using var several = SchemaDatabase.Create("postgresql://app:pw@a:5432,b:5433/appdb");

        Assert.Equal("[::1]:5433/appdb", ipv6.DisplayName);
        Assert.Equal("a:5432,b:5433/appdb", several.DisplayName);
    }

    [Fact]
    public async Task Options_override_the_url()
    {
        var configured = false;
        var options = new SchemaDatabaseOptions
        {
            ApplicationName = "from-options",
            MaxPoolSize = 3,
            MinPoolSize = 0,
            ConnectTimeout = TimeSpan.FromSeconds(4),
            CommandTimeout = TimeSpan.FromSeconds(50),
            ConnectionLifetime = TimeSpan.FromMinutes(5),
            ConfigureDataSource = _ => configured = true,
        };

        await using var database = SchemaDatabase.Create(fixture.Url("application_name=from-url&pool_max=50"), options);
        await using var connection = await database.OpenConnectionAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);

        Assert.True(configured);
        Assert.Equal("from-options", await Scalar.QueryAsync<string>(connection, "SELECT current_setting('application_name')"));
        Assert.Equal(3, settings.MaxPoolSize);
        Assert.Equal(4, settings.Timeout);
        Assert.Equal(50, settings.CommandTimeout);
        Assert.Equal(300, settings.ConnectionLifetime);
    }

    [Theory]
    [InlineData(5, 2, "minimum pool size 5 is above the maximum 2")]
    [InlineData(null, 0, "SchemaDatabaseOptions.MaxPoolSize must be one or more")]
    [InlineData(-1, null, "SchemaDatabaseOptions.MinPoolSize must be zero or more")]
    public void Bad_options_are_configuration_errors(int? min, int? max, string expected)
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaDatabase.Create(fixture.Url(), new SchemaDatabaseOptions { MinPoolSize = min, MaxPoolSize = max }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Settings.Password!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connect_timeout_over_npgsqls_limit_is_a_configuration_error()
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaDatabase.Create(fixture.Url(), new SchemaDatabaseOptions { ConnectTimeout = TimeSpan.FromHours(1) }));

        Assert.Contains("SchemaDatabaseOptions.ConnectTimeout must be between 0 and 1024 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_environment_uses_DATABASE_URL_and_migrate_prefers_its_own_url()
    {
        var variables = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = fixture.Url("application_name=app-role"),
            ["DATABASE_MIGRATE_URL"] = fixture.Url("application_name=owner-role"),
        };

        await using var app = SchemaDatabase.FromEnvironment(name => variables.GetValueOrDefault(name), null);
        await using var owner = SchemaDatabase.FromMigrateEnvironment(name => variables.GetValueOrDefault(name), null);
        await using var appConnection = await app.OpenConnectionAsync();
        await using var ownerConnection = await owner.OpenConnectionAsync();

        Assert.Equal("app-role", await Scalar.QueryAsync<string>(appConnection, "SELECT current_setting('application_name')"));
        Assert.Equal("owner-role", await Scalar.QueryAsync<string>(ownerConnection, "SELECT current_setting('application_name')"));
    }

    [Fact]
    public async Task A_wrong_password_fails_clearly_without_the_password()
    {
        var role = "role_" + Guid.NewGuid().ToString("N")[..10];
        await Scalar.ExecuteAsync(fixture.Server.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'Right-Zebra7Piano'");
        try
        {
            var settings = fixture.Settings;
            var url = $"postgresql://{role}:{WrongPassword}@{settings.Host}:{settings.Port}/{settings.Database}";
            await using var database = SchemaDatabase.Create(url, sourceName: "DATABASE_URL", options: null);

            var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

            Assert.Equal(SchemaConnectionFailure.AuthenticationFailed, error.Failure);
            Assert.Contains($"PostgreSQL at {settings.Host}:{settings.Port} refused the login of user '{role}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
            Assert.Contains("Check the user name and password in DATABASE_URL", error.Message, StringComparison.Ordinal);
            Assert.Equal(settings.Host, error.Host);
            Assert.Equal(settings.Port, error.Port);
            Assert.Equal(settings.Database, error.Database);
            Assert.IsType<PostgresException>(error.InnerException);
            Assert.DoesNotContain("Zebra7Piano", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await Scalar.ExecuteAsync(fixture.Server.ConnectionString, $"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task A_missing_password_fails_as_an_authentication_problem()
    {
        var settings = fixture.Settings;
        await using var database = SchemaDatabase.Create($"postgresql://postgres@{settings.Host}:{settings.Port}/{settings.Database}");

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.Equal(SchemaConnectionFailure.AuthenticationFailed, error.Failure);
        Assert.Contains("Check the user name and password in the connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_says_how_to_create_it()
    {
        var settings = fixture.Settings;
        settings.Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..8];
        await using var database = SchemaDatabase.Create(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.Equal(SchemaConnectionFailure.DatabaseMissing, error.Failure);
        Assert.Contains($"has no database '{settings.Database}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"CREATE DATABASE \"{settings.Database}\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Password!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_fails_fast_and_clearly()
    {
        var port = FreePort();
        await using var database = SchemaDatabase.Create($"postgresql://app:{WrongPassword}@127.0.0.1:{port}/appdb?connect_timeout=5");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(SchemaConnectionFailure.Unreachable, error.Failure);
        Assert.Equal(
            $"Could not connect to PostgreSQL at 127.0.0.1:{port} (database 'appdb'): the connection was refused. Check that the " +
            "server is running and listens on that host and port, and that the connection string points to it.",
            error.Message);
        Assert.DoesNotContain("Zebra7Piano", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_connect_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var database = SchemaDatabase.Create($"postgresql://app:{WrongPassword}@127.0.0.1:{port}/appdb?connect_timeout=1");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(SchemaConnectionFailure.Timeout, error.Failure);
        Assert.Contains($"127.0.0.1:{port} (database 'appdb'): no answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise connect_timeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebra7Piano", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_name_is_unreachable()
    {
        await using var database = SchemaDatabase.Create("postgresql://app:pw@no-such-host.invalid:5432/appdb?connect_timeout=3");

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.Contains(error.Failure, new[] { SchemaConnectionFailure.Unreachable, SchemaConnectionFailure.Timeout });
        Assert.Contains("no-such-host.invalid:5432", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exhausted_pool_says_so_instead_of_blaming_the_server()
    {
        await using var database = SchemaDatabase.Create(fixture.Url("pool_max=1&connect_timeout=1"));
        await using var held = await database.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.Equal(SchemaConnectionFailure.PoolExhausted, error.Failure);
        Assert.Contains("all 1 pooled connections are in use and none came free within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise pool_max", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_required_by_the_url_but_not_offered_by_the_server_is_reported()
    {
        await using var database = SchemaDatabase.Create(fixture.Url("sslmode=require"));

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await database.OpenConnectionAsync());

        Assert.Equal(SchemaConnectionFailure.Other, error.Failure);
        Assert.Contains("SSL", error.Message, StringComparison.Ordinal);
        Assert.Contains("use sslmode=prefer or sslmode=disable in the connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Settings.Password!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_reported_as_a_connection_failure()
    {
        await using var database = SchemaDatabase.Create(fixture.Database.ConnectionString);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await database.OpenConnectionAsync(cancelled.Token));
    }

    [Fact]
    public async Task Dispose_closes_the_pool()
    {
        var database = SchemaDatabase.Create(fixture.Database.ConnectionString);
        await using (var connection = await database.OpenConnectionAsync())
        {
            Assert.Equal(1, await Scalar.QueryAsync<int>(connection, "SELECT 1"));
        }

        await database.DisposeAsync();
        database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await database.OpenConnectionAsync());
    }

    [Fact]
    public void Create_rejects_a_bad_string_with_a_configuration_error()
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaDatabase.Create("postgresql://app:Zebra7Piano@localhost:0/appdb"));

        Assert.Contains("has an invalid port '0'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebra7Piano", error.Message, StringComparison.Ordinal);
    }
}
