using System;

namespace Schemata;

/// <summary>An apply failed; its transaction was rolled back, so the database is as it was before.</summary>
public sealed class SchemaApplyException : Exception
{
    /// <summary>Creates the error for the statement that failed.</summary>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="statement">The statement PostgreSQL refused.</param>
    /// <param name="innerException">The PostgreSQL error, if any.</param>
    public SchemaApplyException(string message, string statement, Exception? innerException)
        : base(message, innerException) => Statement = statement;

    /// <summary>The statement PostgreSQL refused.</summary>
    public string Statement { get; }
}
