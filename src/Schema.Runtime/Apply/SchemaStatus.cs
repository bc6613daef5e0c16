namespace Schemata;

/// <summary>Where a database stands against the model: the last recorded apply, pending changes and drift.</summary>
public sealed class SchemaStatus
{
    internal SchemaStatus(SchemaHistoryEntry? lastApply, SchemaPlan plan)
    {
        LastApply = lastApply;
        Plan = plan;
    }

    /// <summary>The last recorded apply; <see langword="null"/> when the schema was never applied.</summary>
    public SchemaHistoryEntry? LastApply { get; }

    /// <summary>The differences between the model and the database now.</summary>
    public SchemaPlan Plan { get; }

    /// <summary>Whether the last apply was of this model and nothing was changed by hand since.</summary>
    public bool IsUpToDate => Plan.IsRecorded && Plan.IsEmpty;
}
