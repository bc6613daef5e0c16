namespace Schemata;

/// <summary>Where a database stands against the model: the last recorded apply, pending changes and drift.</summary>
public sealed class SchemaStatus
{
    internal SchemaStatus(SchemaHistoryEntry? lastApply, SchemaPlan plan, bool longPhasesRunning)
    {
        LastApply = lastApply;
        Plan = plan;
        LongPhasesRunning = longPhasesRunning;
    }

    /// <summary>The last recorded apply; <see langword="null"/> when the schema was never applied.</summary>
    public SchemaHistoryEntry? LastApply { get; }

    /// <summary>The differences between the model and the database now.</summary>
    public SchemaPlan Plan { get; }

    /// <summary>Whether the last apply was of this model, finished, and nothing was changed by hand since.</summary>
    public bool IsUpToDate => Plan.IsRecorded && Plan.IsEmpty;

    /// <summary>
    /// Whether this model's short changes are committed but its long phases (index builds, validations, data steps) are
    /// not finished: <see cref="Plan"/> lists what is left.
    /// </summary>
    public bool IsPending => LastApply is { IsComplete: false } last && last.ModelHash == Plan.ModelHash && History.ShortPartDone(last.Phase);

    /// <summary>Whether a process holds the long-phase lock now, finishing an apply's long phases.</summary>
    public bool LongPhasesRunning { get; }
}
