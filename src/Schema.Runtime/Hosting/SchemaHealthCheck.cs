using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Schemata;

/// <summary>
/// A health check for <c>Microsoft.Extensions.Diagnostics.HealthChecks</c>: <c>SELECT 1</c> through the pool. The
/// description is <c>ok</c> or <c>error: &lt;reason&gt;</c>, with no password. While the startup apply's long phases
/// run in the background the app is ready (their data says so under <c>schema</c>); when they failed, the check is
/// degraded and says why.
/// </summary>
/// <param name="database">The database to check.</param>
public sealed class SchemaHealthCheck(SchemaDatabase database) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timeout = context.Registration.Timeout > TimeSpan.Zero && context.Registration.Timeout != Timeout.InfiniteTimeSpan
            ? context.Registration.Timeout
            : (TimeSpan?)null;
        var report = await database.CheckHealthAsync(timeout, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["database"] = database.DisplayName, ["duration_ms"] = report.Duration.TotalMilliseconds };
        if (!report.IsHealthy)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, report.Status, exception: null, data);
        }

        switch (database.StartupApply)
        {
            case { Completion.IsFaulted: true } failed:
                var reason = failed.Completion.Exception?.InnerException?.Message ?? "unknown";
                data["schema"] = "long phases failed: " + reason;
                return HealthCheckResult.Degraded(report.Status + "; schema: long phases failed, the next apply tries them again", exception: null, data);
            case { IsPending: true, LongPhasesElsewhere: true }:
                data["schema"] = "long phases running in another instance (this one stands by)";
                break;
            case { IsPending: true } pending:
                data["schema"] = $"long phases running: {pending.Changes.Count(c => c.Statements.Any(s => s.Phase > ApplyPhase.Change))} change(s) (index builds, validations)";
                break;
            case not null:
                data["schema"] = "applied";
                break;
        }

        return HealthCheckResult.Healthy(report.Status, data);
    }
}
