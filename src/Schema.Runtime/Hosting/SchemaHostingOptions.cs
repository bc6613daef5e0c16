using System;
using System.Data;

namespace Schemata;

/// <summary>What <see cref="SchemaServiceCollectionExtensions.AddSchemaDatabase"/> registers and does at startup.</summary>
public sealed class SchemaHostingOptions
{
    /// <summary>
    /// A URL or Npgsql keyword string; <see langword="null"/> reads <c>DATABASE_URL</c> when the database is first
    /// needed (a missing or bad value fails the host's start with a message that says what to set).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Pool, timeout and retry settings; the logger factory defaults to the application's.</summary>
    public SchemaDatabaseOptions? DatabaseOptions { get; set; }

    /// <summary>The isolation level of the scoped (per-request) session. Default read committed.</summary>
    public IsolationLevel SessionIsolationLevel { get; set; } = IsolationLevel.ReadCommitted;

    /// <summary>Whether the host checks, while starting, that the database answers. Default true.</summary>
    public bool CheckConnectionOnStartup { get; set; } = true;

    /// <summary>
    /// The generated model to apply while the host starts (<c>Schema.Model</c>), or <see langword="null"/> to leave
    /// the schema alone. The apply uses the app's connection unless <see cref="MigrateConnectionString"/> is set.
    /// </summary>
    public SchemaModel? ApplySchemaOnStartup { get; set; }

    /// <summary>A separate connection for the startup apply (a schema-owner role); <see langword="null"/> uses the app's.</summary>
    public string? MigrateConnectionString { get; set; }

    /// <summary>
    /// How long the startup check and apply may take in all, retrying while the server is unreachable or starting.
    /// The host never waits longer than this. Default 30 seconds.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a failed startup check or apply stops the host (the default) or is logged while the host starts
    /// anyway, its readiness check reporting the problem.
    /// </summary>
    public bool FailStartupOnError { get; set; } = true;

    /// <summary>The name of the health check <see cref="SchemaHealthCheckExtensions.AddSchemaDatabase"/> registers. Default <c>postgres</c>.</summary>
    public string HealthCheckName { get; set; } = "postgres";
}
