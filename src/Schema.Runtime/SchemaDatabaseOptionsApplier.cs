using System;
using System.Globalization;
using Npgsql;

namespace Schemata;

/// <summary>Checks <see cref="SchemaDatabaseOptions"/> and writes them over the connection string's settings.</summary>
internal static class SchemaDatabaseOptionsApplier
{
    internal static void Apply(SchemaDatabaseOptions options, NpgsqlConnectionStringBuilder builder, string? sourceName)
    {
        if (options.MinPoolSize is { } min)
        {
            builder.MinPoolSize = min >= 0 ? min : throw Invalid(nameof(options.MinPoolSize), "zero or more");
        }

        if (options.MaxPoolSize is { } max)
        {
            builder.MaxPoolSize = max >= 1 ? max : throw Invalid(nameof(options.MaxPoolSize), "one or more");
        }

        if (builder.MinPoolSize > builder.MaxPoolSize)
        {
            throw new SchemaConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The minimum pool size {builder.MinPoolSize} is above the maximum {builder.MaxPoolSize} " +
                $"(from {sourceName ?? "the connection string"} and SchemaDatabaseOptions); raise MaxPoolSize or lower MinPoolSize."));
        }

        if (options.ConnectTimeout is { } connect)
        {
            builder.Timeout = Seconds(connect, nameof(options.ConnectTimeout), 1024);
        }

        if (options.CommandTimeout is { } command)
        {
            builder.CommandTimeout = Seconds(command, nameof(options.CommandTimeout), int.MaxValue / 1000);
        }

        if (options.ConnectionLifetime is { } lifetime)
        {
            builder.ConnectionLifetime = Seconds(lifetime, nameof(options.ConnectionLifetime), int.MaxValue / 1000);
        }

        if (options.ConnectionIdleLifetime is { } idle)
        {
            builder.ConnectionIdleLifetime = idle >= TimeSpan.FromSeconds(10)
                ? Seconds(idle, nameof(options.ConnectionIdleLifetime), int.MaxValue / 1000)
                : throw Invalid(nameof(options.ConnectionIdleLifetime), "at least 10 seconds");
        }

        if (options.SslMode is { } sslMode)
        {
            builder.SslMode = sslMode;
        }

        if (options.ApplicationName is { } name)
        {
            builder.ApplicationName = name;
        }
    }

    private static int Seconds(TimeSpan value, string option, int maxSeconds) =>
        value >= TimeSpan.Zero && value.TotalSeconds <= maxSeconds
            ? (int)Math.Ceiling(value.TotalSeconds)
            : throw Invalid(option, string.Create(CultureInfo.InvariantCulture, $"between 0 and {maxSeconds} seconds"));

    private static SchemaConfigurationException Invalid(string option, string expected) =>
        new($"SchemaDatabaseOptions.{option} must be {expected}.");
}
