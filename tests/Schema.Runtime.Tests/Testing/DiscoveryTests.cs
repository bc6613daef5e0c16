using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class DiscoveryTests
{
    private static string UrlFor(TestPostgres server, string? password = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        return $"postgresql://{settings.Username}:{Uri.EscapeDataString(password ?? settings.Password!)}@{settings.Host}:{settings.Port}/{settings.Database}";
    }

    [Fact]
    public async Task TEST_DATABASE_URL_wins_and_is_used_as_it_is()
    {
        // Any server will do as the "external" one: nothing here stops it or changes it beyond its own databases.
        var local = await TestPostgres.SharedAsync();
        var external = await TestPostgres.StartAsync(new TestPostgresDiscovery(UrlFor(local), ProbeDocker: true, BinaryDirectories: []), isShared: false, default);
        var kept = await external.CreateDatabaseAsync();
        var forgotten = await external.CreateDatabaseAsync();
        await kept.DisposeAsync();

        Assert.Equal("TEST_DATABASE_URL", external.Source);
        Assert.False(external.CanControlServer);
        Assert.Equal(new NpgsqlConnectionStringBuilder(local.ConnectionString).Port, new NpgsqlConnectionStringBuilder(external.ConnectionString).Port);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await external.StopAsync());

        await external.DisposeAsync();

        Assert.Equal(1, await Scalar.QueryAsync<int>(local.ConnectionString, "SELECT 1"));
        Assert.Equal(0L, await Scalar.QueryAsync<long>(
            local.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname IN ('{kept.Name}', '{forgotten.Name}')"));
    }

    [Fact]
    public async Task An_invalid_TEST_DATABASE_URL_is_named_without_its_password()
    {
        var discovery = new TestPostgresDiscovery("postgresql://postgres:Zebra7Piano@localhost:notaport/postgres", ProbeDocker: false, BinaryDirectories: []);

        var error = await Assert.ThrowsAsync<SchemaConfigurationException>(
            async () => await TestPostgres.StartAsync(discovery, isShared: false, default));

        Assert.StartsWith("TEST_DATABASE_URL has an invalid port 'notaport'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebra7Piano", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TEST_DATABASE_URL_with_a_wrong_password_fails_at_start_and_names_the_variable()
    {
        var local = await TestPostgres.SharedAsync();
        var discovery = new TestPostgresDiscovery(UrlFor(local, "Zebra7Piano"), ProbeDocker: false, BinaryDirectories: []);

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(
            async () => await TestPostgres.StartAsync(discovery, isShared: false, default));

        Assert.Equal(SchemaConnectionFailure.AuthenticationFailed, error.Failure);
        Assert.Contains("Check the user name and password in TEST_DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebra7Piano", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_postgres_the_error_says_how_to_get_one()
    {
        var discovery = new TestPostgresDiscovery(null, ProbeDocker: false, BinaryDirectories: ["/nonexistent/bin"]);

        var error = await Assert.ThrowsAsync<SchemaConfigurationException>(
            async () => await TestPostgres.StartAsync(discovery, isShared: false, default));

        Assert.Equal(
            "No PostgreSQL server is available for tests: set TEST_DATABASE_URL to one (for example " +
            "postgresql://postgres:PASSWORD@localhost:5432/postgres), start a Docker engine, or install PostgreSQL " +
            "(for example apt-get install -y postgresql).",
            error.Message);
    }

    [Fact]
    public async Task A_blank_TEST_DATABASE_URL_counts_as_unset()
    {
        var discovery = new TestPostgresDiscovery("  ", ProbeDocker: false, BinaryDirectories: []);

        var error = await Assert.ThrowsAsync<SchemaConfigurationException>(
            async () => await TestPostgres.StartAsync(discovery, isShared: false, default));

        Assert.StartsWith("No PostgreSQL server is available for tests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newest_installed_version_is_found_through_symlinks_on_path()
    {
        var installed = PostgresBinaries.FindNewest(null);
        if (installed is null || !Directory.Exists("/usr/lib/postgresql/15/bin"))
        {
            return;
        }

        Assert.True(installed.MajorVersion >= 15);
        Assert.True(File.Exists(installed.InitDb));
        Assert.True(File.Exists(installed.PgCtl));
        Assert.Equal(installed, PostgresBinaries.FindNewest(["/usr/local/bin", installed.Directory, "/nonexistent"]));
        Assert.Null(PostgresBinaries.FindNewest(["/nonexistent"]));
    }

    [Fact]
    public void Looking_for_docker_costs_well_under_a_second()
    {
        var clock = Stopwatch.StartNew();

        DockerProbe.EngineAnswers();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }
}
