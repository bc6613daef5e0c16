using System;
using System.Data;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A unit of work: one pooled connection and one transaction at a chosen isolation level. Commit is explicit;
/// disposing without a commit rolls back, so an exception, a cancellation or a command timeout leaves nothing
/// half-written. Generated data access hangs off it (<c>session.Users().InsertAsync(…)</c>).
/// </summary>
/// <remarks>
/// A session is for one flow of work at a time (like the connection under it), not for concurrent use. Begin one
/// with <see cref="SchemaDatabase.BeginAsync(IsolationLevel, CancellationToken)"/>, or let
/// <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>
/// begin, commit and retry it for you.
/// </remarks>
public sealed partial class SchemaSession : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;
    private SessionState _state;

    private SchemaSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        IsolationLevel = transaction.IsolationLevel;
    }

    private enum SessionState
    {
        Active,
        Committing,
        Committed,
        RolledBack,
        Disposed,
    }

    /// <summary>The session's connection, for Npgsql code of your own; commands must use <see cref="Transaction"/>.</summary>
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    public NpgsqlConnection Connection
    {
        get
        {
            ThrowIfDisposed();
            return _connection;
        }
    }

    /// <summary>The session's transaction.</summary>
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The session has been committed or rolled back.</exception>
    public NpgsqlTransaction Transaction
    {
        get
        {
            ThrowIfUnusable();
            return _transaction!;
        }
    }

    /// <summary>The isolation level the transaction runs at.</summary>
    public IsolationLevel IsolationLevel { get; }

    /// <summary>Whether the session can still run commands: begun, and not yet committed, rolled back or disposed.</summary>
    public bool IsActive => _state == SessionState.Active;

    /// <summary>Whether <see cref="CommitAsync"/> has completed.</summary>
    public bool IsCommitted => _state == SessionState.Committed;

    /// <summary>Opens a pooled connection and begins a transaction; <see cref="SchemaDatabase.BeginAsync(IsolationLevel, CancellationToken)"/> says the same.</summary>
    /// <param name="database">Where to connect.</param>
    /// <param name="isolationLevel">The transaction's isolation level.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The session; dispose it.</returns>
    /// <exception cref="SchemaConnectionException">No connection could be opened (unreachable, login refused, pool exhausted).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
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

    /// <summary>The synchronous begin, for dependency-injection factories, which cannot await.</summary>
    internal static SchemaSession Begin(SchemaDatabase database, IsolationLevel isolationLevel)
    {
        var connection = database.OpenConnection();
        try
        {
            return new SchemaSession(connection, connection.BeginTransaction(isolationLevel));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Makes the session's changes permanent. A session commits at most once.</summary>
    /// <param name="cancellationToken">
    /// Cancels the commit. A commit cancelled or cut off on its way may still have been applied by the server: the
    /// outcome is unknown to the caller.
    /// </param>
    /// <returns>A task that completes when PostgreSQL has committed.</returns>
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The session has already been committed or rolled back.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        _state = SessionState.Committing;
        try
        {
            await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            _state = SessionState.Committed;
        }
        catch
        {
            _state = SessionState.RolledBack;
            throw;
        }
    }

    /// <summary>Discards the session's changes. Disposing an uncommitted session does the same.</summary>
    /// <param name="cancellationToken">Cancels the rollback; the transaction then ends when the connection is returned.</param>
    /// <returns>A task that completes when the transaction has been rolled back.</returns>
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The session has already been committed or rolled back.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RollbackAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        _state = SessionState.RolledBack;
        await _transaction!.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back unless committed, and returns the connection to the pool. Safe to call more than once.</summary>
    /// <returns>A task that completes when the connection is back in the pool.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask DisposeAsync()
    {
        if (_state == SessionState.Disposed)
        {
            return;
        }

        _state = SessionState.Disposed;
        try
        {
            if (_transaction is not null)
            {
                // Npgsql rolls back an uncompleted transaction here; on a broken connection there is nothing to roll back.
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // The connection broke (server gone, command cancelled mid-flight): the server discards the transaction.
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
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The session has already been committed or rolled back.</exception>
    public NpgsqlCommand CreateCommand(string sql)
    {
        ThrowIfUnusable();
        return new NpgsqlCommand(sql, _connection, _transaction);
    }

    private void ThrowIfDisposed()
    {
        if (_state == SessionState.Disposed)
        {
            throw new ObjectDisposedException(
                nameof(SchemaSession),
                "This session has been disposed: its transaction has ended and its connection is back in the pool. Begin a new session for more work.");
        }
    }

    private void ThrowIfUnusable()
    {
        ThrowIfDisposed();
        switch (_state)
        {
            case SessionState.Committed:
            case SessionState.Committing:
                throw new InvalidOperationException("This session has already been committed; a session commits once. Begin a new session for more work.");
            case SessionState.RolledBack:
                throw new InvalidOperationException("This session has already been rolled back (or its commit failed); begin a new session for more work.");
        }
    }
}
