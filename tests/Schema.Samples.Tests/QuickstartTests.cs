using Npgsql;
using Xunit;

namespace Schemata.Samples.Tests;

/// <summary>The main job (samples/Quickstart) against a database that outlives it, as DATABASE_URL names one.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task The_main_job_runs_again_and_again_against_the_same_database()
    {
        var server = await TestPostgres.SharedAsync();
        await using var database = await server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = database.ConnectionString };

        for (var run = 1; run <= 3; run++)
        {
            var (exitCode, output, error) = await SampleProcess.RunAsync("Quickstart", [], environment);

            Assert.True(exitCode == 0, $"run {run} exited with {exitCode}:\n{error}\n{output}");
            Assert.Contains("Ada's open tasks: Write the spec", output, StringComparison.Ordinal);
            Assert.Contains("signed up again", output, StringComparison.Ordinal);
        }

        // Each run leaves one live Ada; the earlier ones are soft-deleted, none was lost to an error half-way.
        Assert.Equal(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM users WHERE email = 'ada@example.com' AND deleted_at IS NULL"));
        Assert.Equal(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM schema_history"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_does_nothing_else(string flag)
    {
        var server = await TestPostgres.SharedAsync();
        await using var database = await server.CreateDatabaseAsync();

        var (exitCode, output, error) = await SampleProcess.RunAsync("Quickstart", [flag], new Dictionary<string, string?> { ["DATABASE_URL"] = database.ConnectionString });

        Assert.True(exitCode == 0, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("schema", output, StringComparison.Ordinal);
        Assert.DoesNotContain("First apply", output, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task An_unknown_argument_is_a_usage_error_and_does_nothing()
    {
        var server = await TestPostgres.SharedAsync();
        await using var database = await server.CreateDatabaseAsync();

        var (exitCode, output, error) = await SampleProcess.RunAsync("Quickstart", ["--frobnicate"], new Dictionary<string, string?> { ["DATABASE_URL"] = database.ConnectionString });

        Assert.Equal(2, exitCode);
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("First apply", output, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
