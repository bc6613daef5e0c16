using System;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Schemata;

/// <summary>The one call an ASP.NET Core app makes: <c>builder.AddSchemaDatabase();</c></summary>
public static class SchemaWebApplicationBuilderExtensions
{
    /// <summary>
    /// Registers the <see cref="SchemaDatabase"/> singleton, a <see cref="SchemaSession"/> per request (committed
    /// when the request succeeds — no exception and a status below 400 — and rolled back otherwise), the
    /// <c>postgres</c> health check and the startup check or apply; and translates database errors that escape an
    /// endpoint into problem details (409 conflict, 404 not found, 400 validation, 503 unavailable).
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="configure">Sets the connection and startup behaviour; <see langword="null"/> uses <c>DATABASE_URL</c>.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddSchemaDatabase(this IHostApplicationBuilder builder, Action<SchemaHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSchemaDatabase(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, SchemaSessionStartupFilter>());
        return builder;
    }
}
