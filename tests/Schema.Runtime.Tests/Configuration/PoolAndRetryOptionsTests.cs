using System;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class PoolAndRetryOptionsTests
{
    private const string Url = "postgresql://app:Opt1ons-Secret@localhost:5432/app";

    [Fact]
    public void Idle_lifetime_and_ssl_mode_from_options_override_the_url()
    {
        using var database = SchemaDatabase.Create(Url + "?sslmode=disable&idle_lifetime=60", new SchemaDatabaseOptions
        {
            ConnectionIdleLifetime = TimeSpan.FromMinutes(5),
            SslMode = SslMode.Require,
        });
        var settings = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);

        Assert.Equal(300, settings.ConnectionIdleLifetime);
        Assert.Equal(SslMode.Require, settings.SslMode);
    }

    [Fact]
    public void An_idle_lifetime_under_ten_seconds_is_a_configuration_error()
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaDatabase.Create(Url, new SchemaDatabaseOptions { ConnectionIdleLifetime = TimeSpan.FromSeconds(3) }));

        Assert.Contains("ConnectionIdleLifetime must be at least 10 seconds", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Opt1ons-Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_attempts_is_a_configuration_error()
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaDatabase.Create(Url, new SchemaDatabaseOptions { Retry = new SchemaRetryOptions { MaxAttempts = 0 } }));

        Assert.Contains("MaxAttempts must be 1 or more", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Opt1ons-Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_retry_is_three_attempts_with_jitter()
    {
        Assert.Equal(3, SchemaRetryOptions.Default.MaxAttempts);
        Assert.True(SchemaRetryOptions.Default.UseJitter);
        Assert.Equal(1, SchemaRetryOptions.None.MaxAttempts);
    }
}
