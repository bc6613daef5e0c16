using System;

namespace Schemata;

/// <summary>
/// A connection to PostgreSQL could not be opened. The message names the host, port and database, says what
/// went wrong and what to check; it never contains a password.
/// </summary>
public sealed class SchemaConnectionException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaConnectionException()
        : base("Could not connect to PostgreSQL.")
    {
        Host = string.Empty;
        Database = string.Empty;
    }

    /// <summary>Creates the exception with the given message, which must not contain a password.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    public SchemaConnectionException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with the given message and the error that caused it.</summary>
    /// <param name="message">What went wrong and what to check; it must not contain a password.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public SchemaConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Host = string.Empty;
        Database = string.Empty;
    }

    internal SchemaConnectionException(
        string message,
        SchemaConnectionFailure failure,
        string host,
        int port,
        string database,
        Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
        Host = host;
        Port = port;
        Database = database;
    }

    /// <summary>What kind of failure this is.</summary>
    public SchemaConnectionFailure Failure { get; }

    /// <summary>The host (or comma-separated hosts) the connection was for.</summary>
    public string Host { get; }

    /// <summary>The port the connection was for.</summary>
    public int Port { get; }

    /// <summary>The database the connection was for.</summary>
    public string Database { get; }
}
