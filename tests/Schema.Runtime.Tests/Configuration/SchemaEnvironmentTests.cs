using System;
using System.Collections.Generic;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

/// <summary>Reads variables through a lookup, so no test changes the process environment others read.</summary>
public sealed class SchemaEnvironmentTests
{
    private const string Secret = "Zebra7Piano";
    private const string AppUrl = "postgresql://app:" + Secret + "@app-host:5432/appdb";
    private const string OwnerUrl = "postgresql://owner:" + Secret + "@owner-host:5432/appdb";

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }

        return name => map.GetValueOrDefault(name);
    }

    [Theory]
    [InlineData("DATABASE_URL")]
    [InlineData("TEST_DATABASE_URL")]
    [InlineData("DATABASE_MIGRATE_URL")]
    public void A_missing_variable_is_named_with_an_example(string variable)
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaEnvironment.Resolve(variable, Environment()));

        Assert.Equal($"{variable} is not set. Set it to the PostgreSQL database to use, for example {variable}=postgresql://app:PASSWORD@localhost:5432/appdb?sslmode=prefer", error.Message);
        Assert.Equal(variable, error.VariableName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_variable_is_named(string value)
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaEnvironment.Resolve("DATABASE_URL", Environment(("DATABASE_URL", value))));

        Assert.StartsWith("DATABASE_URL is empty.", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL=postgresql://app:PASSWORD@localhost:5432/appdb", error.Message, StringComparison.Ordinal);
        Assert.Equal("DATABASE_URL", error.VariableName);
    }

    [Fact]
    public void An_invalid_variable_is_named_and_its_password_kept_out()
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaEnvironment.Resolve(
            "DATABASE_URL", Environment(("DATABASE_URL", "postgresql://app:" + Secret + "@localhost:99999/appdb"))));

        Assert.StartsWith("DATABASE_URL has an invalid port '99999'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Equal("DATABASE_URL", error.VariableName);
    }

    [Fact]
    public void A_valid_variable_becomes_a_keyword_string()
    {
        var settings = new NpgsqlConnectionStringBuilder(SchemaEnvironment.Resolve("DATABASE_URL", Environment(("DATABASE_URL", AppUrl))));

        Assert.Equal("app-host", settings.Host);
        Assert.Equal("appdb", settings.Database);
    }

    [Fact]
    public void Migrate_prefers_DATABASE_MIGRATE_URL()
    {
        var (connectionString, variable) = SchemaEnvironment.ResolveMigrate(
            Environment(("DATABASE_URL", AppUrl), ("DATABASE_MIGRATE_URL", OwnerUrl)));

        Assert.Equal("DATABASE_MIGRATE_URL", variable);
        Assert.Equal("owner", new NpgsqlConnectionStringBuilder(connectionString).Username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Migrate_falls_back_to_DATABASE_URL(string? migrateValue)
    {
        var (connectionString, variable) = SchemaEnvironment.ResolveMigrate(
            Environment(("DATABASE_URL", AppUrl), ("DATABASE_MIGRATE_URL", migrateValue)));

        Assert.Equal("DATABASE_URL", variable);
        Assert.Equal("app", new NpgsqlConnectionStringBuilder(connectionString).Username);
    }

    [Fact]
    public void Migrate_with_neither_variable_names_both()
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaEnvironment.ResolveMigrate(Environment()));

        Assert.StartsWith("Neither DATABASE_MIGRATE_URL nor DATABASE_URL is set.", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL=postgresql://app:PASSWORD@localhost:5432/appdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_migrate_url_names_DATABASE_MIGRATE_URL_not_the_fallback()
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaEnvironment.ResolveMigrate(
            Environment(("DATABASE_URL", AppUrl), ("DATABASE_MIGRATE_URL", "mysql://owner:" + Secret + "@h/db"))));

        Assert.StartsWith("DATABASE_MIGRATE_URL uses the scheme 'mysql'", error.Message, StringComparison.Ordinal);
        Assert.Equal("DATABASE_MIGRATE_URL", error.VariableName);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_readers_use_the_documented_variable_names()
    {
        Assert.Equal("DATABASE_URL", SchemaEnvironment.DatabaseUrlVariable);
        Assert.Equal("DATABASE_MIGRATE_URL", SchemaEnvironment.MigrateUrlVariable);
        Assert.Equal("TEST_DATABASE_URL", SchemaEnvironment.TestUrlVariable);
    }

    [Fact]
    public void SchemaDatabase_from_environment_errors_name_the_variable()
    {
        var missing = Assert.Throws<SchemaConfigurationException>(() => SchemaDatabase.FromEnvironment(Environment(), null));
        var migrate = Assert.Throws<SchemaConfigurationException>(() => SchemaDatabase.FromMigrateEnvironment(Environment(), null));

        Assert.StartsWith("DATABASE_URL is not set.", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("Neither DATABASE_MIGRATE_URL nor DATABASE_URL is set.", migrate.Message, StringComparison.Ordinal);
    }
}
