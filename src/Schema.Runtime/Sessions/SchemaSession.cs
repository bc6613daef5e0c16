using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A unit of work: one pooled connection and one transaction. Commit is explicit; disposing without a commit rolls
/// back. Generated data access hangs off it (<c>session.Users().InsertAsync(…)</c>).
/// </summary>
public sealed partial class SchemaSession : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;
    private bool _completed;
    private bool _disposed;

    private SchemaSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The session's connection, for Npgsql code of your own; commands must use <see cref="Transaction"/>.</summary>
    public NpgsqlConnection Connection
    {
        get
        {
            ThrowIfDisposed();
            return _connection;
        }
    }

    /// <summary>The session's transaction.</summary>
    public NpgsqlTransaction Transaction
    {
        get
        {
            ThrowIfUnusable();
            return _transaction!;
        }
    }

    /// <summary>The isolation level the transaction runs at.</summary>
    public IsolationLevel IsolationLevel => Transaction.IsolationLevel;

    /// <summary>Opens a pooled connection and begins a transaction.</summary>
    /// <param name="database">Where to connect.</param>
    /// <param name="isolationLevel">The transaction's isolation level.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The session; dispose it.</returns>
    public static async ValueTask<SchemaSession> BeginAsync(SchemaDatabase database, IsolationLevel isolationLevel = IsolationLevel.ReadCommitted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);
            return new SchemaSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes the session's changes permanent. A session commits at most once.</summary>
    /// <param name="cancellationToken">Cancels the commit; the outcome is then unknown to the caller.</param>
    /// <returns>A task that completes when PostgreSQL has committed.</returns>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        _completed = true;
        await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Discards the session's changes. Disposing an uncommitted session does the same.</summary>
    /// <param name="cancellationToken">Cancels the rollback.</param>
    /// <returns>A task that completes when the transaction has been rolled back.</returns>
    public async ValueTask RollbackAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        _completed = true;
        await _transaction!.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back unless committed, and returns the connection to the pool.</summary>
    /// <returns>A task that completes when the connection is back in the pool.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _transaction = null;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A command on this session's connection and transaction (used by generated code).</summary>
    /// <param name="sql">The SQL, with positional parameters <c>$1</c>, <c>$2</c>, …</param>
    /// <returns>The command; the caller disposes it.</returns>
    public NpgsqlCommand CreateCommand(string sql)
    {
        ThrowIfUnusable();
        return new NpgsqlCommand(sql, _connection, _transaction);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfUnusable()
    {
        ThrowIfDisposed();
        if (_completed)
        {
            throw new InvalidOperationException("This session has already been committed or rolled back; begin a new session for more work.");
        }
    }
}
