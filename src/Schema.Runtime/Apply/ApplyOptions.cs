using System;

namespace Schemata;

/// <summary>How an apply may change the database.</summary>
public sealed class ApplyOptions
{
    /// <summary>The variable that, set to <c>true</c>, confirms a destructive apply in production.</summary>
    public const string ConfirmProductionVariable = "SCHEMA_CONFIRM_PRODUCTION";

    /// <summary>
    /// Runs destructive changes (dropping tables, columns, constraints, indexes or enum values, narrowing a type,
    /// NOT NULL on a column holding NULLs) instead of refusing them. When <c>DOTNET_ENVIRONMENT</c> or
    /// <c>ASPNETCORE_ENVIRONMENT</c> is <c>Production</c>, <c>SCHEMA_CONFIRM_PRODUCTION=true</c> is needed as well.
    /// </summary>
    public bool AllowDestructive { get; init; }

    /// <summary>
    /// Compares with the catalog even when the database records an apply of this very model, so objects changed by
    /// hand (drift) are put back. Off by default: an unchanged model then costs one round trip.
    /// </summary>
    public bool RepairDrift { get; init; }

    /// <summary>
    /// Builds indexes added to tables that already exist with <c>CREATE INDEX CONCURRENTLY</c>, after the rest of the
    /// apply has committed and outside any transaction, so writes to big tables are not blocked while they build.
    /// The history row is written once they are built; a failed build is dropped and the apply reports it, and the
    /// next apply builds it again. Off by default.
    /// </summary>
    public bool CreateIndexesConcurrently { get; init; }

    /// <summary>
    /// How long to wait for a lock (the apply lock, or a table busy with long transactions) before giving up with
    /// <see cref="SchemaApplyException"/>; 30 seconds by default.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads environment variables; replaced in tests.</summary>
    internal Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    internal static ApplyOptions Default { get; } = new();
}
