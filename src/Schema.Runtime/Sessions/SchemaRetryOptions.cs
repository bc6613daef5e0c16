using System;
using System.Globalization;
using Polly;

namespace Schemata;

/// <summary>
/// How a unit of work is retried on a transient failure (see <see cref="SchemaTransientErrors"/>): the whole unit
/// runs again in a new session, after an exponentially growing, jittered delay. Anything else is never retried.
/// </summary>
/// <remarks>
/// A retried unit runs its code again from the start, so everything it does outside the database (e-mails, HTTP
/// calls, counters in memory) happens again too. If the connection is lost while COMMIT is on its way, the server
/// may have committed although the client saw an error; write units that are safe to run twice (client-made keys,
/// <c>ON CONFLICT DO NOTHING</c>, checks before inserts) when that matters.
/// </remarks>
public sealed class SchemaRetryOptions
{
    /// <summary>Three attempts, 100 ms then 200 ms (each ± jitter), delays capped at 5 s.</summary>
    public static SchemaRetryOptions Default { get; } = new();

    /// <summary>One attempt: no retries.</summary>
    public static SchemaRetryOptions None { get; } = new() { MaxAttempts = 1 };

    /// <summary>How many times the unit may run in all, the first attempt included; at least 1. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the first retry; each further retry waits twice as long. Default 100 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether delays are randomized, so that units that failed together do not retry together. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>
    /// A Polly pipeline of your own that runs each attempt instead of the built-in retry (the settings above are then
    /// ignored). Let it handle <see cref="SchemaTransientErrors.IsTransient(Exception)"/> failures only: the unit
    /// runs again in a new session on each retry.
    /// </summary>
    public ResiliencePipeline? Pipeline { get; init; }

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "SchemaRetryOptions.MaxAttempts must be 1 or more.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), string.Create(CultureInfo.InvariantCulture, $"SchemaRetryOptions delays must not be negative ({BaseDelay}, {MaxDelay})."));
        }
    }
}
