using System;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Schemata;

/// <summary>
/// Settings that override what the connection URL says. Leave a property <see langword="null"/> to keep the
/// URL's value (or Npgsql's default).
/// </summary>
public sealed class SchemaDatabaseOptions
{
    /// <summary>Connections the pool keeps open even when idle.</summary>
    public int? MinPoolSize { get; init; }

    /// <summary>The most connections the pool opens at once.</summary>
    public int? MaxPoolSize { get; init; }

    /// <summary>How long to wait for a connection to be established; whole seconds, at most 1024.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>How long a command may run before it is cancelled; whole seconds, zero for no limit.</summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>How long a pooled connection lives before it is closed and replaced; zero for no limit.</summary>
    public TimeSpan? ConnectionLifetime { get; init; }

    /// <summary>How long a connection may sit idle in the pool before it is closed; at least 10 seconds.</summary>
    public TimeSpan? ConnectionIdleLifetime { get; init; }

    /// <summary>Whether and how the connection uses SSL/TLS (<c>sslmode</c> in the URL).</summary>
    public SslMode? SslMode { get; init; }

    /// <summary>The name the server shows for these connections in <c>pg_stat_activity</c>.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>
    /// Runs on the <see cref="NpgsqlDataSourceBuilder"/> before the data source is built, for anything not
    /// covered above (logging, type mappings, certificates).
    /// </summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; init; }

    /// <summary>
    /// Where the database logs connection checks, retried units of work and failures; <see langword="null"/> logs
    /// nothing (dependency injection passes the application's factory). Passwords are never logged.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// How <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask}, SchemaUnitOfWorkOptions?, System.Threading.CancellationToken)"/>
    /// retries a unit of work that failed on a transient error; <see langword="null"/> uses
    /// <see cref="SchemaRetryOptions.Default"/> (3 attempts, exponential backoff with jitter).
    /// </summary>
    public SchemaRetryOptions? Retry { get; init; }

    /// <summary>A copy of these options with another logger factory.</summary>
    internal SchemaDatabaseOptions WithLoggerFactory(ILoggerFactory? loggerFactory) => new()
    {
        MinPoolSize = MinPoolSize,
        MaxPoolSize = MaxPoolSize,
        ConnectTimeout = ConnectTimeout,
        CommandTimeout = CommandTimeout,
        ConnectionLifetime = ConnectionLifetime,
        ConnectionIdleLifetime = ConnectionIdleLifetime,
        SslMode = SslMode,
        ApplicationName = ApplicationName,
        ConfigureDataSource = ConfigureDataSource,
        LoggerFactory = loggerFactory,
        Retry = Retry,
    };
}
