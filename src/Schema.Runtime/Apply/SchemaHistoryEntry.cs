using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>One recorded apply: what model, the exact SQL it ran, who ran it, when and for how long.</summary>
public sealed class SchemaHistoryEntry
{
    internal SchemaHistoryEntry(string modelHash, DateTimeOffset appliedAt, string appliedBy, TimeSpan duration, string sql, IReadOnlyList<string> manifest)
    {
        ModelHash = modelHash;
        AppliedAt = appliedAt;
        AppliedBy = appliedBy;
        Duration = duration;
        Sql = sql;
        Manifest = manifest;
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

    internal IReadOnlyList<string> Manifest { get; }
}
