using System;

namespace Schemata;

/// <summary>
/// The database configuration is missing or cannot be used: an unset or empty variable such as
/// <c>DATABASE_URL</c>, a malformed URL, an unknown scheme or query parameter, an invalid port or value.
/// </summary>
/// <remarks>
/// The message says what is wrong and shows a correct example. It never contains a password, nor the
/// configured string when that string carries one.
/// </remarks>
public sealed class SchemaConfigurationException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaConfigurationException()
        : base("The database configuration is not valid.")
    {
    }

    /// <summary>Creates the exception with the given message, which must not contain a password.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SchemaConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the error that caused it.</summary>
    /// <param name="message">What is wrong and how to fix it; it must not contain a password.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public SchemaConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal SchemaConfigurationException(string message, string? variableName)
        : base(message)
    {
        VariableName = variableName;
    }

    /// <summary>
    /// The environment variable the bad value came from (for example <c>DATABASE_URL</c>), or
    /// <see langword="null"/> when the value was passed in directly.
    /// </summary>
    public string? VariableName { get; }
}
