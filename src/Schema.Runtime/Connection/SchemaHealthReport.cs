using System;

namespace Schemata;

/// <summary>The answer of <see cref="SchemaDatabase.CheckHealthAsync"/>: ok, or the reason it is not.</summary>
public sealed class SchemaHealthReport
{
    private SchemaHealthReport(bool isHealthy, string? reason, TimeSpan duration, Exception? exception)
    {
        IsHealthy = isHealthy;
        Reason = reason;
        Duration = duration;
        Exception = exception;
    }

    /// <summary>Whether the database answered.</summary>
    public bool IsHealthy { get; }

    /// <summary>Why it is unhealthy (host, port and database, never a password); <see langword="null"/> when healthy.</summary>
    public string? Reason { get; }

    /// <summary><c>ok</c>, or <c>error: &lt;reason&gt;</c>: the value a readiness endpoint reports.</summary>
    public string Status => IsHealthy ? "ok" : "error: " + Reason;

    /// <summary>How long the check took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The underlying error, for logs; do not show it to end users.</summary>
    public Exception? Exception { get; }

    internal static SchemaHealthReport Healthy(TimeSpan duration) => new(true, null, duration, null);

    internal static SchemaHealthReport Unhealthy(string reason, TimeSpan duration, Exception? exception) => new(false, reason, duration, exception);

    /// <inheritdoc/>
    public override string ToString() => Status;
}
