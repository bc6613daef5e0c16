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

    /// <summary>
    /// Stops long phases still running in the background cleanly (the statement cancelled, a half-built index dropped,
    /// the lock released), so another instance standing by, or the next apply, finishes them.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (database.StartupApply is { IsPending: true } result)
        {
            await result.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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

    /// <summary>
    /// The short, blocking part of the apply, then the host goes on starting: index builds and validations on tables
    /// holding rows finish in the background, on this instance (or another already on them), and the readiness check
    /// reports them while they run.
    /// </summary>
    private async ValueTask ApplyAsync(SchemaModel model, CancellationToken cancellationToken)
    {
        ApplyResult result;
        if (options.MigrateConnectionString is { } migrate)
        {
            var owner = SchemaDatabase.Create(migrate, (options.DatabaseOptions ?? new SchemaDatabaseOptions()).WithLoggerFactory(loggerFactory));
            try
            {
                result = await model.ApplyAsync(owner, ApplyOptions.Startup, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await owner.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _ = DisposeWhenDoneAsync(result, owner);
        }
        else
        {
            result = await model.ApplyAsync(database, ApplyOptions.Startup, cancellationToken).ConfigureAwait(false);
        }

        database.StartupApply = result;
        LogApplied(_logger, database.DisplayName, result.ToString() ?? string.Empty);
    }

    private static async Task DisposeWhenDoneAsync(ApplyResult result, SchemaDatabase owner)
    {
        try
        {
            await result.Completion.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Logged where it happened; the readiness check reports it.
        }
        finally
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }
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
