using System;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// One-off data work the model declares (<c>[Backfill]</c> on an entity, or a <c>[DataStep]</c> method): run once per
/// database, in the order of the ids, inside apply after the short changes and before index builds and validations,
/// in batches of short transactions, and recorded in the history.
/// </summary>
public sealed class DataStepModel
{
    /// <summary>Rows per batch unless the declaration says otherwise.</summary>
    public const int DefaultBatchSize = 1000;

    private DataStepModel(string id, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        Id = id;
        BatchSize = batchSize;
    }

    /// <summary>The step's id; steps run in the ordinal order of their ids, each once per database.</summary>
    public string Id { get; }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>For a backfill: the table's schema, or <see langword="null"/> for the current one.</summary>
    public string? Schema { get; private init; }

    /// <summary>For a backfill: the table.</summary>
    public string? Table { get; private init; }

    /// <summary>For a backfill: the column it fills.</summary>
    public string? Column { get; private init; }

    /// <summary>For a backfill: the SQL expression the column is set to.</summary>
    public string? Expression { get; private init; }

    /// <summary>For a backfill: the rows still to fill, as a SQL condition.</summary>
    public string? Where { get; private init; }

    /// <summary>Whether the step is a backfill of one column (otherwise code the model calls).</summary>
    public bool IsBackfill => Column is not null;

    internal Func<SchemaSession, int, CancellationToken, ValueTask<int>>? Run { get; private init; }

    /// <summary>A backfill: <c>UPDATE table SET column = expression WHERE where</c>, a batch at a time, until no row is left.</summary>
    /// <param name="id">The step's id.</param>
    /// <param name="schema">The table's schema, or <see langword="null"/> for the current one.</param>
    /// <param name="table">The table.</param>
    /// <param name="column">The column filled.</param>
    /// <param name="expression">The SQL expression the column is set to.</param>
    /// <param name="where">The rows still to fill; it must be false once a row is filled.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <returns>The step.</returns>
    public static DataStepModel Backfill(string id, string? schema, string table, string column, string expression, string where, int batchSize = DefaultBatchSize)
        => new(id, batchSize) { Schema = schema, Table = table, Column = column, Expression = expression, Where = where };

    /// <summary>A step in code, called in a transaction of its own again and again until it returns 0.</summary>
    /// <param name="id">The step's id.</param>
    /// <param name="run">Does at most a batch of work and returns how many rows it changed.</param>
    /// <param name="batchSize">The batch size passed to each call.</param>
    /// <returns>The step.</returns>
    public static DataStepModel Code(string id, Func<SchemaSession, int, CancellationToken, ValueTask<int>> run, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(id, batchSize) { Run = run };
    }

    /// <inheritdoc/>
    public override string ToString()
        => IsBackfill ? $"data step '{Id}': fill {Table}.{Column} with {Expression} where {Where}" : $"data step '{Id}': {Run!.Method.DeclaringType?.Name}.{Run.Method.Name}";
}
