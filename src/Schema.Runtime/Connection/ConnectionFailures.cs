using System;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Schemata;

/// <summary>
/// Turns the exceptions of a failed open into a <see cref="SchemaConnectionException"/> that says what
/// happened and what to check, without the password.
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>The translated error, or <see langword="null"/> when <paramref name="exception"/> is no connection failure.</summary>
    internal static SchemaConnectionException? Translate(Exception exception, ConnectionTarget target)
    {
        var (failure, message) = exception switch
        {
            PostgresException postgres => FromServer(postgres, target),
            NpgsqlException or SocketException or TimeoutException => FromClient(exception, target),
            _ => (SchemaConnectionFailure.Other, null),
        };

        return message is null
            ? null
            : new SchemaConnectionException(target.Scrub(message), failure, target.Host, target.Port, target.Database, exception);
    }

    /// <summary>The error for a connection that broke in the middle of a unit of work, after every attempt.</summary>
    internal static SchemaConnectionException Lost(Exception exception, ConnectionTarget target, int attempts)
    {
        var what = exception is PostgresException postgres
            ? $"the server ended the session (SQLSTATE {postgres.SqlState}: {Sentence(target.Scrub(postgres.MessageText))})"
            : "the connection was lost";
        var count = attempts.ToString(CultureInfo.InvariantCulture);
        var message =
            $"The unit of work on PostgreSQL at {target.Endpoint} (database '{target.Database}') did not complete: {what} in each of its {count} attempt(s). " +
            "The server may be restarting or unreachable; retry in a moment, and check that it is running if this persists.";
        return new SchemaConnectionException(message, SchemaConnectionFailure.ConnectionLost, target.Host, target.Port, target.Database, exception);
    }

    /// <summary>An open that kept failing on a transient error: the same error, with the retry advice.</summary>
    internal static SchemaConnectionException GaveUp(SchemaConnectionException failure, ConnectionTarget target, int attempts)
    {
        var count = attempts.ToString(CultureInfo.InvariantCulture);
        return new SchemaConnectionException(
            $"{failure.Message} The unit of work was tried {count} time(s) and nothing was committed; retry it once the server is reachable again.",
            failure.Failure,
            target.Host,
            target.Port,
            target.Database,
            failure);
    }

    private static (SchemaConnectionFailure, string?) FromServer(PostgresException postgres, ConnectionTarget target)
    {
        var said = Sentence(target.Scrub(postgres.MessageText));
        return postgres.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => (
                SchemaConnectionFailure.AuthenticationFailed,
                $"PostgreSQL at {target.Endpoint} refused the login of user '{target.User}' to database '{target.Database}' ({said}). " +
                $"Check the user name and password in {target.SourceName}, and that pg_hba.conf lets this user in from here."),
            PostgresErrorCodes.InvalidCatalogName => (
                SchemaConnectionFailure.DatabaseMissing,
                $"PostgreSQL at {target.Endpoint} has no database '{target.Database}'. " +
                $"Create it (CREATE DATABASE \"{target.Database}\") or fix the database name in {target.SourceName}."),
            PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow => (
                SchemaConnectionFailure.ServerUnavailable,
                $"PostgreSQL at {target.Endpoint} cannot accept the connection to database '{target.Database}' now ({said}). " +
                "Retry shortly; if it has too many connections, lower pool_max or raise max_connections on the server."),
            _ => (
                SchemaConnectionFailure.Other,
                $"PostgreSQL at {target.Endpoint} refused the connection to database '{target.Database}': {said} (SQLSTATE {postgres.SqlState}). " +
                $"Check the settings in {target.SourceName}."),
        };
    }

    private static (SchemaConnectionFailure, string?) FromClient(Exception exception, ConnectionTarget target)
    {
        var prefix = $"Could not connect to PostgreSQL at {target.Endpoint} (database '{target.Database}')";
        if (exception.Message.Contains("pool has been exhausted", StringComparison.OrdinalIgnoreCase))
        {
            return (
                SchemaConnectionFailure.PoolExhausted,
                $"{prefix}: all {target.MaxPoolSize} pooled connections are in use and none came free within {target.Seconds} s. " +
                $"Dispose connections and sessions as soon as they are done, or raise pool_max in {target.SourceName}.");
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => (
                    SchemaConnectionFailure.Unreachable,
                    $"{prefix}: the connection was refused. Check that the server is running and listens on that host and port, " +
                    $"and that {target.SourceName} points to it."),
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => (
                    SchemaConnectionFailure.Unreachable,
                    $"{prefix}: the host name could not be resolved. Check the host in {target.SourceName}."),
                SocketError.TimedOut => Timeout(prefix, target),
                _ => (
                    SchemaConnectionFailure.Unreachable,
                    $"{prefix}: {Sentence(target.Scrub(socket.Message))}. Check that the server is running and reachable from here, " +
                    $"and the host and port in {target.SourceName}."),
            };
        }

        if (Find<TimeoutException>(exception) is not null)
        {
            return Timeout(prefix, target);
        }

        var said = Sentence(target.Scrub(exception.Message));
        if (said.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            return (
                SchemaConnectionFailure.AuthenticationFailed,
                $"{prefix}: {said}. Check the user name and password in {target.SourceName}.");
        }

        if (Find<System.Security.Authentication.AuthenticationException>(exception) is not null)
        {
            // The TLS handshake itself failed: almost always a server certificate this client does not trust. The fix
            // is the CA, never a weaker sslmode.
            return (
                SchemaConnectionFailure.Other,
                $"{prefix}: the server's TLS certificate was not accepted ({said}). With sslmode=verify-ca or verify-full, " +
                $"set sslrootcert in {target.SourceName} to the CA certificate that signed the server's certificate, and for " +
                "verify-full connect with a host name the certificate names.");
        }

        if (said.Contains("SSL", StringComparison.Ordinal))
        {
            return (
                SchemaConnectionFailure.Other,
                $"{prefix}: {said}. If the server offers no SSL, use sslmode=prefer or sslmode=disable in {target.SourceName}; " +
                "otherwise check the server's SSL setup and the certificates.");
        }

        return (
            SchemaConnectionFailure.Other,
            $"{prefix}: {said}. Check that the server is running and the settings in {target.SourceName}.");
    }

    private static (SchemaConnectionFailure, string?) Timeout(string prefix, ConnectionTarget target) => (
        SchemaConnectionFailure.Timeout,
        $"{prefix}: no answer within {target.Seconds} s. Check that the server is running and that no firewall blocks " +
        $"port {target.Port}; on a slow network raise connect_timeout in {target.SourceName}.");

    /// <summary>Drops the final period of a quoted message, so that it reads as part of ours.</summary>
    private static string Sentence(string text) => text.Trim().TrimEnd('.');

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
