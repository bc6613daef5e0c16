using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class TestDatabaseTests
{
    private static async Task<long> CountDatabasesNamed(TestPostgres server, string name) =>
        await Scalar.QueryAsync<long>(server.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'");

    [Fact]
    public async Task Each_database_is_isolated_and_named_uniquely()
    {
        var server = await TestPostgres.SharedAsync();
        await using var first = await server.CreateDatabaseAsync();
        await using var second = await server.CreateDatabaseAsync();

        await Scalar.ExecuteAsync(first.ConnectionString, "CREATE TABLE only_here (id int)");

        Assert.NotEqual(first.Name, second.Name);
        Assert.Matches("^test_[0-9a-f]{12}$", first.Name);
        Assert.Same(server, first.Server);
        Assert.Equal(first.Name, new NpgsqlConnectionStringBuilder(first.ConnectionString).Database);
        Assert.Equal(first.Name, await Scalar.QueryAsync<string>(first.ConnectionString, "SELECT current_database()"));
        Assert.True(await Scalar.QueryAsync<bool>(first.ConnectionString, "SELECT to_regclass('only_here') IS NOT NULL"));
        Assert.True(await Scalar.QueryAsync<bool>(second.ConnectionString, "SELECT to_regclass('only_here') IS NULL"));
    }

    [Fact]
    public async Task Dispose_drops_the_database_even_with_connections_open()
    {
        var server = await TestPostgres.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var busy = new NpgsqlConnection(database.ConnectionString);
        await busy.OpenAsync();
        await Scalar.ExecuteAsync(database.ConnectionString, "SELECT 1");
        Assert.Equal(1, await CountDatabasesNamed(server, database.Name));

        await database.DisposeAsync();
        await database.DisposeAsync();

        Assert.Equal(0, await CountDatabasesNamed(server, database.Name));
        await Assert.ThrowsAnyAsync<Exception>(async () => await Scalar.QueryAsync<int>(busy, "SELECT 1"));
        await busy.DisposeAsync();
    }

    [Fact]
    public async Task A_template_is_copied_even_after_pooled_connections_used_it()
    {
        var server = await TestPostgres.SharedAsync();
        await using var template = await server.CreateDatabaseAsync();
        await Scalar.ExecuteAsync(template.ConnectionString, "CREATE TABLE seeded (name text); INSERT INTO seeded VALUES ('from template')");

        await using var copy = await server.CreateDatabaseAsync(template.Name);

        Assert.Equal("from template", await Scalar.QueryAsync<string>(copy.ConnectionString, "SELECT name FROM seeded"));
        await Scalar.ExecuteAsync(copy.ConnectionString, "INSERT INTO seeded VALUES ('only in copy')");
        Assert.Equal(1L, await Scalar.QueryAsync<long>(template.ConnectionString, "SELECT count(*) FROM seeded"));
    }

    [Fact]
    public async Task A_missing_template_is_the_servers_error()
    {
        var server = await TestPostgres.SharedAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(async () => await server.CreateDatabaseAsync("no_such_template"));

        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, error.SqlState);
    }
}
