using System;

namespace Schemata;

/// <summary>
/// An apply failed. The transaction or batch that failed was rolled back: when the short changes failed, the database
/// is as it was before (bar new enum values, committed first); when a long phase failed, the short changes and every
/// long-phase step that finished stay, the history says the apply is not complete, and the next apply goes on from
/// there. The message says which.
/// </summary>
public sealed class SchemaApplyException : Exception
{
    /// <summary>Creates the error for the statement that failed.</summary>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="statement">The statement that failed.</param>
    /// <param name="innerException">The PostgreSQL error, if any.</param>
    public SchemaApplyException(string message, string statement, Exception? innerException)
        : base(message, innerException) => Statement = statement;

    /// <summary>The statement that failed (for a data step in code, a comment naming it).</summary>
    public string Statement { get; }
}
