using System;
using System.Collections.Generic;
using System.Text;

namespace Schemata;

/// <summary>
/// An apply was refused because it would make destructive changes that were not allowed (or, in production, not
/// confirmed). Nothing was changed; <see cref="Changes"/> lists each change and why it is destructive.
/// </summary>
public sealed class SchemaDestructiveChangeException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public SchemaDestructiveChangeException()
        : this("Destructive schema changes were refused.")
    {
    }

    /// <summary>Creates the refusal with a message.</summary>
    /// <param name="message">What was refused.</param>
    public SchemaDestructiveChangeException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the refusal with a message and a cause.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SchemaDestructiveChangeException(string message, Exception? innerException)
        : base(message, innerException) => Changes = [];

    internal SchemaDestructiveChangeException(IReadOnlyList<SchemaChange> changes, bool inProduction)
        : base(Describe(changes, inProduction)) => Changes = changes;

    /// <summary>The refused changes.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    private static string Describe(IReadOnlyList<SchemaChange> changes, bool inProduction)
    {
        var text = new StringBuilder();
        text.Append("Refused ").Append(changes.Count).Append(" destructive schema change(s); nothing was changed:");
        foreach (var change in changes)
        {
            text.Append("\n  - ").Append(change.Description).Append(": ").Append(change.DestructiveReason);
        }

        text.Append('\n');
        text.Append(inProduction
            ? $"This is a production environment: allow destructive changes (ApplyOptions.AllowDestructive, `schema apply --allow-destructive`) and also set {ApplyOptions.ConfirmProductionVariable}=true."
            : "To run them, allow destructive changes: ApplyOptions.AllowDestructive, or `schema apply --allow-destructive`.");
        return text.ToString();
    }
}
