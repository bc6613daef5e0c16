using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Schemata;

/// <summary>
/// A health check for <c>Microsoft.Extensions.Diagnostics.HealthChecks</c>: <c>SELECT 1</c> through the pool. The
/// description is <c>ok</c> or <c>error: &lt;reason&gt;</c>, with no password.
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
        return report.IsHealthy
            ? HealthCheckResult.Healthy(report.Status, data)
            : new HealthCheckResult(context.Registration.FailureStatus, report.Status, exception: null, data);
    }
}
