using System;
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

    /// <summary>The name the server shows for these connections in <c>pg_stat_activity</c>.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>
    /// Runs on the <see cref="NpgsqlDataSourceBuilder"/> before the data source is built, for anything not
    /// covered above (logging, type mappings, certificates).
    /// </summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; init; }
}
