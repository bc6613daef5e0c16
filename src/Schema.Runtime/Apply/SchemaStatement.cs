namespace Schemata;

/// <summary>One statement of a plan, with what it does to the table it touches.</summary>
public sealed record SchemaStatement
{
    internal SchemaStatement(string sql, ApplyPhase phase, TableLock tableLock = TableLock.None, string? table = null, bool scans = false, bool rewrites = false)
    {
        Sql = sql;
        Phase = phase;
        Lock = tableLock;
        Table = table;
        Scans = scans;
        Rewrites = rewrites;
    }

    /// <summary>The SQL.</summary>
    public string Sql { get; }

    /// <summary>The phase it runs in.</summary>
    public ApplyPhase Phase { get; }

    /// <summary>The strongest lock it takes on an existing table.</summary>
    public TableLock Lock { get; }

    /// <summary>The existing table it locks, as displayed; <see langword="null"/> when none.</summary>
    public string? Table { get; }

    /// <summary>Whether it reads every row of the table (to check a constraint or build an index).</summary>
    public bool Scans { get; }

    /// <summary>Whether it rewrites every row of the table.</summary>
    public bool Rewrites { get; }

    /// <summary>The table's estimated row count (<c>pg_class.reltuples</c>) when planned; <see langword="null"/> when unknown or not an existing table.</summary>
    public long? EstimatedRows { get; internal init; }

    /// <summary>
    /// The table's estimated size on disk when planned (<c>pg_class.relpages</c>, as of its last VACUUM, ANALYZE or
    /// index build); <see langword="null"/> when unknown (never analyzed) or not an existing table.
    /// </summary>
    public long? SizeBytes { get; internal init; }

    /// <summary>
    /// For one batch of a fill: about how many rows a batch takes. The statement is run over the table a range of blocks
    /// at a time, each in a transaction of its own (<see cref="Ddl.FillBatch"/>); 0 for any other statement.
    /// </summary>
    internal int FillBatchSize { get; init; }

    /// <summary>What undoes a failed attempt: dropping the invalid index a failed concurrent build leaves behind.</summary>
    internal string? UndoOnFailure { get; init; }

    /// <summary>Whether the lock it holds stops writers (<c>SHARE</c> or stronger).</summary>
    public bool BlocksWriters => Lock >= TableLock.Share;

    /// <summary>
    /// Whether writers go on while it runs: it either takes no lock that blocks them, or holds one only for a catalog
    /// change (no scan, no rewrite).
    /// </summary>
    public bool IsOnline => !(BlocksWriters && (Scans || Rewrites));

    /// <inheritdoc/>
    public override string ToString() => Sql;
}
