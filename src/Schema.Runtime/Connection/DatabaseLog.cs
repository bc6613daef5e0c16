using Microsoft.Extensions.Logging;

namespace Schemata;

/// <summary>What <see cref="SchemaDatabase"/> logs. Messages carry host, port and database, never a password.</summary>
internal static partial class DatabaseLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Unit of work on {Database} failed after {Attempts} attempt(s): {ErrorType}: {ErrorMessage}")]
    internal static partial void UnitFailed(ILogger logger, string database, int attempts, string errorType, string errorMessage);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Connected to PostgreSQL {Version} at {Database} in {ElapsedMs:F0} ms")]
    internal static partial void Connected(ILogger logger, string version, string database, double elapsedMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Cannot connect to {Database}: {ErrorMessage}")]
    internal static partial void ConnectFailed(ILogger logger, string database, string errorMessage);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Health check of {Database} failed: {Reason}")]
    internal static partial void Unhealthy(ILogger logger, string database, string reason);
}
