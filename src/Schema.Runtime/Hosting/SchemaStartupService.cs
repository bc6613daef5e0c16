using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Schemata;

/// <summary>
/// Checks the connection and applies the schema while the host starts, retrying while the server is unreachable
/// or starting, but never longer than <see cref="SchemaHostingOptions.StartupTimeout"/>.
/// </summary>
internal sealed partial class SchemaStartupService(SchemaDatabase database, SchemaHostingOptions options, ILoggerFactory? loggerFactory = null) : IHostedService
{
    private readonly ILogger _logger = loggerFactory?.CreateLogger("Schemata.SchemaStartup") ?? NullLogger.Instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.CheckConnectionOnStartup && options.ApplySchemaOnStartup is null)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        try
        {
            await UntilReachableAsync(deadline.Token).ConfigureAwait(false);
            if (options.ApplySchemaOnStartup is { } model)
            {
                await ApplyAsync(model, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            var message = exception is OperationCanceledException
                ? $"The database {database.DisplayName} was not ready within the startup timeout of {options.StartupTimeout.TotalSeconds:0.#} s " +
                  "(SchemaHostingOptions.StartupTimeout). Check that the server is running and reachable."
                : exception.Message;
            if (!options.FailStartupOnError)
            {
                LogStartupFailedContinuing(_logger, message);
                return;
            }

            LogStartupFailed(_logger, message);
            throw exception is OperationCanceledException ? new SchemaConnectionException(message, exception) : exception;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask UntilReachableAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await database.CheckConnectionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SchemaConnectionException exception) when (SchemaTransientErrors.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(_logger, database.DisplayName, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
            }
        }
    }

    private async ValueTask ApplyAsync(SchemaModel model, CancellationToken cancellationToken)
    {
        ApplyResult result;
        if (options.MigrateConnectionString is { } migrate)
        {
            var owner = SchemaDatabase.Create(migrate, (options.DatabaseOptions ?? new SchemaDatabaseOptions()).WithLoggerFactory(loggerFactory));
            await using var ownerScope = owner.ConfigureAwait(false);
            result = await model.ApplyAsync(owner, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await model.ApplyAsync(database, cancellationToken).ConfigureAwait(false);
        }

        LogApplied(_logger, database.DisplayName, result.ToString() ?? string.Empty);
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Schema applied to {Database}: {Result}")]
    private static partial void LogApplied(ILogger logger, string database, string result);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Waiting for {Database} to accept connections; next try in {DelayMs:F0} ms")]
    private static partial void LogWaiting(ILogger logger, string database, double delayMs);

    [LoggerMessage(EventId = 42, Level = LogLevel.Critical, Message = "Database startup failed: {Message}")]
    private static partial void LogStartupFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Database startup failed; the host starts anyway and the readiness check reports the problem: {Message}")]
    private static partial void LogStartupFailedContinuing(ILogger logger, string message);
}
