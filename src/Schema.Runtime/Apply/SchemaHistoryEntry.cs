using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>One recorded apply (or phase of one): what model, the exact SQL it ran, who ran it, when, for how long, and how far it got.</summary>
public sealed class SchemaHistoryEntry
{
    internal SchemaHistoryEntry(string modelHash, DateTimeOffset appliedAt, string appliedBy, TimeSpan duration, string sql, IReadOnlyList<string> manifest, string phase)
    {
        ModelHash = modelHash;
        AppliedAt = appliedAt;
        AppliedBy = appliedBy;
        Duration = duration;
        Sql = sql;
        Manifest = manifest;
        Phase = phase;
    }

    /// <summary>The hash of the applied model.</summary>
    public string ModelHash { get; }

    /// <summary>When the apply committed (database clock).</summary>
    public DateTimeOffset AppliedAt { get; }

    /// <summary>The database role that ran it (<c>current_user</c>).</summary>
    public string AppliedBy { get; }

    /// <summary>How long it took, lock wait included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The statements it ran, separated by blank lines; empty when the database already matched.</summary>
    public string Sql { get; }

    /// <summary>
    /// How far the apply got: <c>complete</c>; <c>changed</c> (short changes committed, long phases still to run);
    /// <c>data step</c> (a data step finished, long phases still to run); or <c>enum values</c> (only new enum values
    /// committed).
    /// </summary>
    public string Phase { get; }

    /// <summary>Whether the apply finished.</summary>
    public bool IsComplete => Phase == History.Complete;

    internal IReadOnlyList<string> Manifest { get; }
}
