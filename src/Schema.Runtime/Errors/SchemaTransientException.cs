using System;

namespace Schemata;

/// <summary>
/// A unit of work kept failing on a transient error (a serialization failure or a deadlock) until its attempts ran
/// out. Nothing it did was committed; running it again later usually succeeds. Lost connections surface as
/// <see cref="SchemaConnectionException"/> instead.
/// </summary>
public sealed class SchemaTransientException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaTransientException()
        : this("The unit of work failed on a transient error; retry it.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public SchemaTransientException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The last error.</param>
    public SchemaTransientException(string message, Exception? innerException)
        : base(message, innerException)
    {
        SqlState = string.Empty;
    }

    internal SchemaTransientException(string message, string sqlState, int attempts, Exception innerException)
        : base(message, innerException)
    {
        SqlState = sqlState;
        Attempts = attempts;
    }

    /// <summary>The SQLSTATE of the last failure: <c>40001</c> (serialization failure) or <c>40P01</c> (deadlock).</summary>
    public string SqlState { get; }

    /// <summary>How many times the unit ran.</summary>
    public int Attempts { get; }
}
