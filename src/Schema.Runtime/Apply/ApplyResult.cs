using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>What an apply did.</summary>
public sealed class ApplyResult
{
    internal ApplyResult(string modelHash, bool upToDate, IReadOnlyList<string> statements, IReadOnlyList<SchemaChange> changes, TimeSpan duration)
    {
        ModelHash = modelHash;
        WasUpToDate = upToDate;
        Statements = statements;
        Changes = changes;
        Duration = duration;
    }

    /// <summary>The hash of the applied model.</summary>
    public string ModelHash { get; }

    /// <summary><see langword="true"/> when the recorded hash matched and nothing else was read or run.</summary>
    public bool WasUpToDate { get; }

    /// <summary>The statements that ran, in order (also recorded in the history table).</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>The changes made, each with the statements that made it.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>How long the apply took, lock wait included.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc/>
    public override string ToString()
        => WasUpToDate ? "schema up to date" : $"schema applied: {Statements.Count} statement(s) in {Duration.TotalMilliseconds:0} ms";
}
