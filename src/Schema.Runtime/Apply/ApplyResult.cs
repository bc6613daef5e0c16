using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>What an apply did.</summary>
public sealed class ApplyResult
{
    private readonly CancellationTokenSource? _background;

    internal ApplyResult(string modelHash, bool upToDate, IReadOnlyList<string> statements, IReadOnlyList<SchemaChange> changes, TimeSpan duration)
    {
        ModelHash = modelHash;
        WasUpToDate = upToDate;
        Statements = statements;
        Changes = changes;
        Duration = duration;
    }

    internal ApplyResult(string modelHash, IReadOnlyList<string> statements, IReadOnlyList<SchemaChange> changes, TimeSpan duration, Task completion, CancellationTokenSource background)
        : this(modelHash, upToDate: false, statements, changes, duration)
    {
        Completion = completion;
        _background = background;
    }

    /// <summary>The hash of the applied model.</summary>
    public string ModelHash { get; }

    /// <summary><see langword="true"/> when the recorded hash matched and nothing else was read or run.</summary>
    public bool WasUpToDate { get; }

    /// <summary>The statements that ran, in order (also recorded in the history table); with long phases in the background, those of the short part.</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>The changes made, each with its statements.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>How long the apply took, lock wait included; with long phases in the background, until it returned.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The changes this apply did not make because the database records a newer model applied after this one (an older
    /// version starting during a rolling deploy): what the newer version added is left alone. Empty otherwise.
    /// </summary>
    public IReadOnlyList<SchemaChange> LeftAlone { get; internal init; } = [];

    /// <summary>The hash of the newer model the database records, when this apply left it alone.</summary>
    public string? NewerModelHash { get; internal init; }

    /// <summary>Whether another process holds the long-phase lock and is finishing this model's long phases.</summary>
    public bool LongPhasesElsewhere { get; internal init; }

    /// <summary>
    /// Completes when everything is applied: at once, unless the long phases run in the background
    /// (<see cref="ApplyOptions.Background"/>); then it completes when they finish, and faults with their error.
    /// </summary>
    public Task Completion { get; } = Task.CompletedTask;

    /// <summary>Whether long phases are still running in the background.</summary>
    public bool IsPending => !Completion.IsCompleted;

    /// <summary>
    /// Stops long phases running in the background, cleanly: the statement running is cancelled, an index it left half
    /// built is dropped, the lock is released, and the next apply (here or on another instance) finishes the work.
    /// </summary>
    /// <returns>When the background work has stopped.</returns>
    public async Task StopAsync()
    {
        if (_background is null || Completion.IsCompleted)
        {
            return;
        }

        await _background.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc/>
    public override string ToString()
        => WasUpToDate ? "schema up to date"
            : NewerModelHash is not null ? $"schema left alone: the database records a newer model ({LeftAlone.Count} difference(s) kept)"
            : $"schema applied: {Statements.Count} statement(s) in {Duration.TotalMilliseconds:0} ms" + (IsPending ? "; long phases continue in the background" : string.Empty);
}
