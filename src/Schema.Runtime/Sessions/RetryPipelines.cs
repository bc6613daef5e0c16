using System;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Schemata;

/// <summary>Builds the Polly pipeline behind <see cref="SchemaRetryOptions"/>.</summary>
internal static partial class RetryPipelines
{
    internal static ResiliencePipeline Build(SchemaRetryOptions options, ILogger logger, string database)
    {
        options.Validate();
        if (options.Pipeline is { } custom)
        {
            return custom;
        }

        if (options.MaxAttempts == 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = static args => new(args.Outcome.Exception is { } e && SchemaTransientErrors.IsTransient(e)),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, options.MaxAttempts, database, Describe(args.Outcome.Exception), args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>SQLSTATE and type only: the message of a lost connection may quote internals.</summary>
    internal static string Describe(Exception? exception) => exception switch
    {
        Npgsql.PostgresException postgres => $"SQLSTATE {postgres.SqlState}",
        SchemaConnectionException connection => $"connection {connection.Failure}",
        null => "unknown error",
        _ => exception.InnerException is Npgsql.PostgresException inner ? $"SQLSTATE {inner.SqlState}" : exception.GetType().Name,
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Unit of work attempt {Attempt} of {MaxAttempts} on {Database} failed on a transient error ({Reason}); running it again in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxAttempts, string database, string reason, double delayMs);
}
