using System;
using System.Globalization;
using Npgsql;

namespace Schemata;

/// <summary>
/// Recognizes a statement that ran past its command timeout and says so. Npgsql reports it as a failed read (or
/// write) on the connection with a <see cref="TimeoutException"/> inside, the same shape as a connection that
/// stopped answering; it is neither a connect timeout nor a lost connection, and must not read as one.
/// </summary>
internal static class CommandTimeouts
{
    /// <summary>Whether <paramref name="exception"/> is Npgsql's command timeout.</summary>
    internal static bool Is(Exception exception) =>
        exception is NpgsqlException and not PostgresException
        && exception.InnerException is TimeoutException
        && (exception.Message.StartsWith("Exception while reading from stream", StringComparison.Ordinal)
            || exception.Message.StartsWith("Exception while writing to stream", StringComparison.Ordinal));

    /// <summary>The error a caller sees: a <see cref="TimeoutException"/> naming the limit, Npgsql's error inside.</summary>
    /// <param name="exception">Npgsql's command timeout.</param>
    /// <param name="seconds">The database's command timeout, when known.</param>
    internal static TimeoutException Create(Exception exception, int? seconds)
    {
        var limit = seconds is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"the command timeout of {value} s")
            : "its command timeout";
        return new TimeoutException(
            $"A statement did not finish within {limit} and was cancelled; the transaction it ran in is rolled back, so nothing " +
            "of it was committed. Make the statement faster, or raise command_timeout in the connection settings " +
            "(SchemaDatabaseOptions.CommandTimeout).",
            exception);
    }
}
