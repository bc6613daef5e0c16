using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Schemata;

/// <summary>Adds the <see cref="SchemaHealthCheck"/> to a health-checks builder.</summary>
public static class SchemaHealthCheckExtensions
{
    /// <summary>
    /// Adds a check of the registered <see cref="SchemaDatabase"/>, tagged <c>ready</c>. <c>AddSchemaDatabase</c> on
    /// the service collection already calls this; call it yourself only to add a second name or other tags.
    /// </summary>
    /// <param name="builder">The health-checks builder.</param>
    /// <param name="name">The check's name, e.g. <c>postgres</c>.</param>
    /// <param name="tags">Tags; <see langword="null"/> for <c>ready</c>.</param>
    /// <param name="timeout">How long the check may take; <see langword="null"/> for 5 seconds.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSchemaDatabase(this IHealthChecksBuilder builder, string name = "postgres", IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new SchemaHealthCheck(provider.GetRequiredService<SchemaDatabase>()),
            HealthStatus.Unhealthy,
            tags ?? ["ready"],
            timeout ?? TimeSpan.FromSeconds(5)));
    }
}
