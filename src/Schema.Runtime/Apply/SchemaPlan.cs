using System.Collections.Generic;
using System.Linq;

namespace Schemata;

/// <summary>
/// What an apply would do to a database now: the changes in the order they would run. Reading a plan changes
/// nothing.
/// </summary>
public sealed class SchemaPlan
{
    internal SchemaPlan(string modelHash, string? appliedHash, IReadOnlyList<SchemaChange> changes)
    {
        ModelHash = modelHash;
        AppliedHash = appliedHash;
        Changes = changes;
        Statements = [.. changes.Where(c => c.RunsFirst).Concat(changes.Where(c => !c.RunsFirst)).SelectMany(c => c.Statements)];
    }

    /// <summary>The hash of the model.</summary>
    public string ModelHash { get; }

    /// <summary>The model hash of the last apply recorded in the database; <see langword="null"/> if none.</summary>
    public string? AppliedHash { get; }

    /// <summary>Whether the last recorded apply was of this very model, so an apply takes the fast path and runs nothing.</summary>
    public bool IsRecorded => AppliedHash == ModelHash;

    /// <summary>Every difference between the model and the database, in the order an apply resolves them.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>The changes that can lose data; an apply refuses them unless allowed.</summary>
    public IReadOnlyList<SchemaChange> DestructiveChanges => [.. Changes.Where(c => c.IsDestructive)];

    /// <summary>
    /// Objects changed by hand: differences found although the database records an apply of this very model. An
    /// apply takes the fast path and leaves them alone; <see cref="ApplyOptions.RepairDrift"/> resolves them.
    /// </summary>
    public IReadOnlyList<SchemaChange> Drift => IsRecorded ? Changes : [];

    /// <summary>The statements an apply would run, in order; empty when there is nothing to do.</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>Whether the database already matches the model.</summary>
    public bool IsEmpty => Changes.Count == 0;
}
