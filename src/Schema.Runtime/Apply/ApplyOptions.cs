using System;

namespace Schemata;

/// <summary>How an apply may change the database.</summary>
public sealed record ApplyOptions
{
    /// <summary>The variable that, set to <c>true</c>, confirms a destructive apply in production.</summary>
    public const string ConfirmProductionVariable = "SCHEMA_CONFIRM_PRODUCTION";

    /// <summary>
    /// Runs destructive changes (dropping tables, columns, constraints, indexes or enum values, narrowing a type,
    /// replacing NULLs with a default) instead of refusing them. When <c>DOTNET_ENVIRONMENT</c> or
    /// <c>ASPNETCORE_ENVIRONMENT</c> is <c>Production</c>, <c>SCHEMA_CONFIRM_PRODUCTION=true</c> is needed as well.
    /// </summary>
    public bool AllowDestructive { get; init; }

    /// <summary>
    /// Runs changes that cannot be made online (they rewrite a table holding rows, or scan it under a lock that blocks
    /// writers: a type change such as <c>integer</c> → <c>bigint</c>, a volatile default on a new column, a new primary
    /// key, an enum rebuild) instead of refusing them. Meant for a maintenance window.
    /// </summary>
    public bool AllowHazards { get; init; }

    /// <summary>
    /// Compares with the catalog even when the database records an apply of this very model, so objects changed by
    /// hand (drift) are put back. Off by default: an unchanged model then costs one round trip.
    /// </summary>
    public bool RepairDrift { get; init; }

    /// <summary>
    /// Applies this model even when the database records a newer one applied after it (a deliberate rollback of the
    /// schema). Off by default: during a rolling deploy an older version's startup apply changes nothing the newer
    /// version made, logs what it left alone, and returns.
    /// </summary>
    public bool ApplyOlderModel { get; init; }

    /// <summary>
    /// Returns once the short, blocking part is committed and finishes the long phases (index builds, validations,
    /// data steps) in the background, on this process, under the long-phase lock; <see cref="ApplyResult.Completion"/>
    /// tells when they are done. The generated startup entry points (<c>Schema.Apply()</c>, <c>Schema.ApplyAsync(…)</c>)
    /// and the hosted startup service set it; an interrupted background phase is finished by the next apply.
    /// </summary>
    public bool Background { get; init; }

    /// <summary>
    /// How long a statement that takes a lock blocking writers waits for it before the attempt is rolled back and
    /// retried (so an apply waiting behind a long transaction never queues every other query behind it); 2 seconds by default.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a short transaction is retried, with growing pauses, when a lock is not granted in time; 10 by default.</summary>
    public int LockRetries { get; init; } = 10;

    /// <summary>How long an index build or a validation may run (<c>statement_timeout</c>); one hour by default, <see cref="TimeSpan.Zero"/> for no limit.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long to wait for another apply (its short changes, or its long phases when this is a different model)
    /// before giving up with <see cref="SchemaApplyException"/>; 5 minutes by default.
    /// </summary>
    public TimeSpan ApplyLockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What the startup entry points use: everything by default, long phases in the background.</summary>
    public static ApplyOptions Startup { get; } = new() { Background = true };

    /// <summary>Reads environment variables; replaced in tests.</summary>
    internal Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    internal static ApplyOptions Default { get; } = new();
}
