using System;

namespace Schemata;

/// <summary>
/// Reads the connection settings from the environment: <c>DATABASE_URL</c> for the application,
/// <c>DATABASE_MIGRATE_URL</c> for schema changes (falling back to <c>DATABASE_URL</c>) and
/// <c>TEST_DATABASE_URL</c> for tests. Each accepts what <see cref="SchemaConnectionString"/> accepts.
/// </summary>
public static class SchemaEnvironment
{
    /// <summary>The variable holding the application's connection URL: <c>DATABASE_URL</c>.</summary>
    public const string DatabaseUrlVariable = "DATABASE_URL";

    /// <summary>The variable holding the connection URL for schema changes: <c>DATABASE_MIGRATE_URL</c>.</summary>
    public const string MigrateUrlVariable = "DATABASE_MIGRATE_URL";

    /// <summary>The variable holding the connection URL for tests: <c>TEST_DATABASE_URL</c>.</summary>
    public const string TestUrlVariable = "TEST_DATABASE_URL";

    /// <summary>Returns the Npgsql connection string given by <c>DATABASE_URL</c>.</summary>
    /// <returns>An Npgsql keyword connection string.</returns>
    /// <exception cref="SchemaConfigurationException">The variable is unset, empty or invalid; the message names it.</exception>
    public static string GetConnectionString() => Resolve(DatabaseUrlVariable, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Returns the Npgsql connection string given by <c>DATABASE_MIGRATE_URL</c>, or by <c>DATABASE_URL</c> when
    /// the former is unset or empty.
    /// </summary>
    /// <returns>An Npgsql keyword connection string.</returns>
    /// <exception cref="SchemaConfigurationException">Neither variable is set, or the one used is invalid.</exception>
    public static string GetMigrateConnectionString() => ResolveMigrate(Environment.GetEnvironmentVariable).ConnectionString;

    /// <summary>Returns the Npgsql connection string given by <c>TEST_DATABASE_URL</c>.</summary>
    /// <returns>An Npgsql keyword connection string.</returns>
    /// <exception cref="SchemaConfigurationException">The variable is unset, empty or invalid; the message names it.</exception>
    public static string GetTestConnectionString() => Resolve(TestUrlVariable, Environment.GetEnvironmentVariable);

    /// <summary>Reads and normalizes one variable through <paramref name="lookup"/>.</summary>
    internal static string Resolve(string variable, Func<string, string?> lookup)
    {
        var value = lookup(variable);
        if (value is null)
        {
            throw ConfigurationError.Missing(variable);
        }

        return SchemaConnectionString.Normalize(value, variable);
    }

    /// <summary>The migrate connection string and the variable it came from.</summary>
    internal static (string ConnectionString, string Variable) ResolveMigrate(Func<string, string?> lookup)
    {
        if (!string.IsNullOrWhiteSpace(lookup(MigrateUrlVariable)))
        {
            return (Resolve(MigrateUrlVariable, lookup), MigrateUrlVariable);
        }

        if (lookup(DatabaseUrlVariable) is null)
        {
            throw new SchemaConfigurationException(
                $"Neither {MigrateUrlVariable} nor {DatabaseUrlVariable} is set. Set {DatabaseUrlVariable} (or " +
                $"{MigrateUrlVariable} for a separate schema-owner role) to the PostgreSQL database to use, for example " +
                $"{DatabaseUrlVariable}={ConfigurationError.ExampleUrl}",
                MigrateUrlVariable);
        }

        return (Resolve(DatabaseUrlVariable, lookup), DatabaseUrlVariable);
    }
}
