using System.Data;

namespace Schemata;

/// <summary>Settings for one unit of work run by <see cref="SchemaDatabase.RunAsync(System.Func{SchemaSession, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask}, SchemaUnitOfWorkOptions?, System.Threading.CancellationToken)"/>.</summary>
public sealed class SchemaUnitOfWorkOptions
{
    /// <summary>Read committed, with the database's retry settings.</summary>
    public static SchemaUnitOfWorkOptions Default { get; } = new();

    /// <summary>Serializable, with the database's retry settings: conflicts (40001) are retried.</summary>
    public static SchemaUnitOfWorkOptions Serializable { get; } = new() { IsolationLevel = IsolationLevel.Serializable };

    /// <summary>The transaction's isolation level. Default <see cref="IsolationLevel.ReadCommitted"/>.</summary>
    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.ReadCommitted;

    /// <summary>Retry settings for this unit; <see langword="null"/> uses <see cref="SchemaDatabaseOptions.Retry"/>.</summary>
    public SchemaRetryOptions? Retry { get; init; }

    /// <summary>
    /// The server each attempt runs on: the primary (the default), or a standby for a unit that only reads
    /// (<see cref="SchemaSessionTarget.PreferStandby"/>); an attempt that finds no server of that kind is retried.
    /// </summary>
    public SchemaSessionTarget Target { get; init; }
}
