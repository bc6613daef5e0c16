using System.Security.Cryptography;
using Npgsql;

namespace DocuVault;

/// <summary>
/// Creates the two roles on a server this process controls (a throwaway one, or a test's): the schema never creates
/// roles, so they must exist before apply. In production they come from the database's provisioning.
/// </summary>
public static class Roles
{
    /// <summary>The role that owns the schema and runs DDL.</summary>
    public const string Migrate = "docuvault_migrate";

    /// <summary>The role the app's sessions use: rows only.</summary>
    public const string App = "docuvault_app";

    /// <summary>
    /// Ensures both roles exist (able to log in) and makes <see cref="Migrate"/> the owner of
    /// <paramref name="superuserConnectionString"/>'s database, so it owns the <c>public</c> schema there.
    /// </summary>
    public static async Task CreateAsync(string superuserConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        var database = new NpgsqlCommandBuilder().QuoteIdentifier(builder.Database ?? "postgres");
        await ExecuteAsync(
            superuserConnectionString,
            $"""
            DO $$
            BEGIN
              CREATE ROLE {Migrate} LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$
            BEGIN
              CREATE ROLE {App} LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            ALTER DATABASE {database} OWNER TO {Migrate};
            """);
    }

    /// <summary>
    /// <see cref="CreateAsync"/>, then gives both roles fresh random passwords and returns a connection string for
    /// each: what a throwaway server needs to run the sample as it would run in production.
    /// </summary>
    public static async Task<(string Migrate, string App)> SetUpAsync(string superuserConnectionString)
    {
        await CreateAsync(superuserConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        var migratePassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var appPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await ExecuteAsync(superuserConnectionString, $"ALTER ROLE {Migrate} PASSWORD '{migratePassword}'; ALTER ROLE {App} PASSWORD '{appPassword}';");
        var migrate = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = Migrate, Password = migratePassword }.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = App, Password = appPassword }.ConnectionString;
        return (migrate, app);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
