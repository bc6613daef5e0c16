using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace Schemata;

/// <summary>
/// Decides which failures are worth running a whole unit of work again for: a serialization failure (40001), a
/// deadlock (40P01), an administrator or crash shutdown (57P01, 57P02), a server still starting (57P03), a connection
/// exception (class 08) or a connection lost or refused on the way. Nothing else: not constraint violations, not
/// timeouts, not cancellation, not errors in the caller's own code.
/// </summary>
public static class SchemaTransientErrors
{
    /// <summary>Whether running the unit of work again may succeed where this attempt failed.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns><see langword="true"/> for the transient failures listed above.</returns>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OperationCanceledException:
                return false;
            case PostgresException postgres:
                return IsTransientSqlState(postgres.SqlState);
            case SchemaConnectionException connection:
                return connection.Failure is SchemaConnectionFailure.Unreachable or SchemaConnectionFailure.ServerUnavailable
                    || (connection.InnerException is { } inner && IsTransient(inner));
            case NpgsqlException:
                return IsLostConnection(exception);
            default:
                return false;
        }
    }

    /// <summary>Whether a SQLSTATE is one of the transient ones.</summary>
    /// <param name="sqlState">A five-character SQLSTATE.</param>
    /// <returns><see langword="true"/> for 40001, 40P01, 57P01, 57P02, 57P03 and class 08.</returns>
    public static bool IsTransientSqlState(string? sqlState) => sqlState is not null && (
        sqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || sqlState.StartsWith("08", StringComparison.Ordinal));

    /// <summary>A lost or refused connection shows as an IOException or SocketException inside Npgsql's exception.</summary>
    private static bool IsLostConnection(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException:
                    return false;
                case PostgresException postgres:
                    return IsTransientSqlState(postgres.SqlState);
                case IOException or SocketException:
                    return true;
            }
        }

        return exception.Message.Contains("Exception while reading from stream", StringComparison.Ordinal)
            || exception.Message.Contains("Exception while writing to stream", StringComparison.Ordinal);
    }
}
