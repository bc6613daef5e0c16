using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Schemata;

/// <summary>Registers a <see cref="SchemaDatabase"/> and its sessions with dependency injection.</summary>
public static class SchemaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SchemaDatabase"/> (a singleton, disposed with the container), a
    /// <see cref="SchemaScopedSession"/> and a <see cref="SchemaSession"/> per scope, the <c>postgres</c> health
    /// check, and a hosted service that checks the connection (and applies the schema, when asked) at startup
    /// within <see cref="SchemaHostingOptions.StartupTimeout"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the connection and startup behaviour; <see langword="null"/> uses <c>DATABASE_URL</c>.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// The scoped <see cref="SchemaSession"/> opens its connection synchronously when first resolved; inject
    /// <see cref="SchemaScopedSession"/> and call <see cref="SchemaScopedSession.GetAsync"/> to open it asynchronously.
    /// Outside ASP.NET Core nothing commits the scoped session for you: call <see cref="SchemaScopedSession.CompleteAsync"/>.
    /// </remarks>
    public static IServiceCollection AddSchemaDatabase(this IServiceCollection services, Action<SchemaHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SchemaHostingOptions))
            {
                throw new InvalidOperationException("AddSchemaDatabase has already been called; call it once, with all the settings.");
            }
        }

        var options = new SchemaHostingOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => CreateDatabase(provider.GetRequiredService<SchemaHostingOptions>(), provider.GetService<ILoggerFactory>()));
        services.TryAddScoped(provider => new SchemaScopedSession(
            provider.GetRequiredService<SchemaDatabase>(), provider.GetRequiredService<SchemaHostingOptions>().SessionIsolationLevel));
        services.TryAddScoped(provider => provider.GetRequiredService<SchemaScopedSession>().Get());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaStartupService>());
        services.AddHealthChecks().AddSchemaDatabase(options.HealthCheckName);
        return services;
    }

    internal static SchemaDatabase CreateDatabase(SchemaHostingOptions options, ILoggerFactory? loggerFactory)
    {
        var databaseOptions = options.DatabaseOptions ?? new SchemaDatabaseOptions();
        if (databaseOptions.LoggerFactory is null && loggerFactory is not null)
        {
            databaseOptions = databaseOptions.WithLoggerFactory(loggerFactory);
        }

        return options.ConnectionString is { } connectionString
            ? SchemaDatabase.Create(connectionString, databaseOptions)
            : SchemaDatabase.FromEnvironment(databaseOptions);
    }
}
