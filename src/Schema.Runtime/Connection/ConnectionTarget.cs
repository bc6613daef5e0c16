using System;
using System.Globalization;
using Npgsql;

namespace Schemata;

/// <summary>
/// Where a <see cref="SchemaDatabase"/> connects, in the words its error messages use: host, port, database,
/// user and the setting that configured them. The password is kept only to scrub it from messages.
/// </summary>
internal sealed class ConnectionTarget
{
    private readonly string? _password;

    internal ConnectionTarget(NpgsqlConnectionStringBuilder builder, string? sourceName)
    {
        Host = builder.Host ?? string.Empty;
        Port = builder.Port;
        Database = builder.Database ?? string.Empty;
        User = string.IsNullOrEmpty(builder.Username) ? "(the operating-system user)" : builder.Username;
        TimeoutSeconds = builder.Timeout;
        CommandTimeoutSeconds = builder.CommandTimeout;
        MaxPoolSize = builder.MaxPoolSize;
        SourceName = sourceName ?? "the connection string";
        _password = builder.Password;
        Endpoint = Host.Contains(',', StringComparison.Ordinal) ? Host : PostgresUrl.FormatHostAndPort(Host, Port);
        DisplayName = string.Concat(Endpoint, "/", Database);
    }

    internal string Host { get; }

    internal int Port { get; }

    internal string Database { get; }

    internal string User { get; }

    internal int TimeoutSeconds { get; }

    /// <summary>How long a statement may run before the client cancels it (0: no limit).</summary>
    internal int CommandTimeoutSeconds { get; }

    internal int MaxPoolSize { get; }

    /// <summary>"DATABASE_URL", "DATABASE_MIGRATE_URL" or "the connection string".</summary>
    internal string SourceName { get; }

    /// <summary>host:port, or the comma-separated host list.</summary>
    internal string Endpoint { get; }

    /// <summary>host:port/database.</summary>
    internal string DisplayName { get; }

    internal string Seconds => TimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Removes the password from text that came from elsewhere, should it ever carry it.</summary>
    internal string Scrub(string text) => _password is { Length: >= 3 }
        ? text.Replace(_password, "********", StringComparison.Ordinal)
        : text;
}
