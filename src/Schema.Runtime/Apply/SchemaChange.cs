using System.Collections.Generic;

namespace Schemata;

/// <summary>One difference between the model and the database, with the statements that resolve it.</summary>
public sealed class SchemaChange
{
    internal SchemaChange(string description, IReadOnlyList<string> statements, string? destructiveReason = null, bool runsFirst = false)
    {
        Description = description;
        Statements = statements;
        DestructiveReason = destructiveReason;
        RunsFirst = runsFirst;
    }

    /// <summary>What changes, e.g. <c>add column users.nickname</c>.</summary>
    public string Description { get; }

    /// <summary>The statements that make the change, in order.</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>Why the change can lose data or stop enforcing a rule; <see langword="null"/> when it cannot.</summary>
    public string? DestructiveReason { get; }

    /// <summary>Whether the change can lose data; such changes run only when explicitly allowed.</summary>
    public bool IsDestructive => DestructiveReason is not null;

    /// <summary>
    /// Whether the change runs, and commits, before everything else: new enum values, which PostgreSQL lets no
    /// statement use until they are committed.
    /// </summary>
    public bool RunsFirst { get; }

    /// <summary>
    /// For an index added to a table that already exists: the <c>CREATE INDEX CONCURRENTLY</c> form and the statement
    /// that removes the invalid index a failed concurrent build leaves behind.
    /// </summary>
    internal (string Create, string DropInvalid)? Concurrently { get; init; }

    /// <inheritdoc/>
    public override string ToString() => IsDestructive ? $"{Description} (destructive: {DestructiveReason})" : Description;
}
