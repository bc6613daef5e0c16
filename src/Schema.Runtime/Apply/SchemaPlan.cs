using System.Collections.Generic;
using System.Linq;

namespace Schemata;

/// <summary>
/// What an apply would do to a database now: the changes in the order they would run, each statement with its phase,
/// lock and cost. Reading a plan changes nothing.
/// </summary>
public sealed class SchemaPlan
{
    internal SchemaPlan(string modelHash, SchemaHistoryEntry? lastApply, IReadOnlyList<SchemaChange> changes, string? newerModelHash = null)
    {
        ModelHash = modelHash;
        AppliedHash = lastApply?.ModelHash;
        IsRecorded = lastApply is { IsComplete: true } && lastApply.ModelHash == modelHash;
        Changes = changes;
        NewerModelHash = newerModelHash;
        Statements = [.. changes.SelectMany(c => c.Statements).OrderBy(s => s.Phase).Select(s => s.Sql)];
    }

    /// <summary>The hash of the model.</summary>
    public string ModelHash { get; }

    /// <summary>The model hash of the last apply recorded in the database; <see langword="null"/> if none.</summary>
    public string? AppliedHash { get; }

    /// <summary>Whether the last recorded apply was of this very model and finished, so an apply takes the fast path and runs nothing.</summary>
    public bool IsRecorded { get; }

    /// <summary>
    /// The hash of a different model the database recorded after this one: the database is ahead of this model (an
    /// older version during a rolling deploy), and an apply leaves it alone. <see langword="null"/> otherwise.
    /// </summary>
    public string? NewerModelHash { get; }

    /// <summary>Every difference between the model and the database, in the order an apply resolves them.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>The changes that can lose data; an apply refuses them unless allowed.</summary>
    public IReadOnlyList<SchemaChange> DestructiveChanges => [.. Changes.Where(c => c.IsDestructive)];

    /// <summary>The changes that block writers while they rewrite or scan a table; an apply refuses them unless allowed.</summary>
    public IReadOnlyList<SchemaChange> Hazards => [.. Changes.Where(c => c.IsHazard)];

    /// <summary>The changes that would fail on the rows the database holds; an apply refuses the whole plan while there are any.</summary>
    public IReadOnlyList<SchemaChange> Blocked => [.. Changes.Where(c => c.IsBlocked)];

    /// <summary>The changes that break instances of the previous version still running during a rolling deploy.</summary>
    public IReadOnlyList<SchemaChange> BreakingPreviousVersion => [.. Changes.Where(c => c.BreaksPreviousVersion is not null)];

    /// <summary>
    /// Objects changed by hand: differences found although the database records an apply of this very model. An
    /// apply takes the fast path and leaves them alone; <see cref="ApplyOptions.RepairDrift"/> resolves them.
    /// </summary>
    public IReadOnlyList<SchemaChange> Drift => IsRecorded ? Changes : [];

    /// <summary>The statements an apply would run, phase by phase; empty when there is nothing to do.</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>Whether the database already matches the model.</summary>
    public bool IsEmpty => Changes.Count == 0;
}
