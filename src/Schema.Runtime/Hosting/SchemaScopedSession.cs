using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// The session of one dependency-injection scope (in ASP.NET Core: one request), begun the first time it is
/// asked for. The request pipeline ends it with <see cref="CompleteAsync"/>: commit when the request succeeded,
/// rollback when it threw; disposing the scope rolls back whatever is still open.
/// </summary>
public sealed class SchemaScopedSession : IAsyncDisposable
{
    private readonly SchemaDatabase _database;
    private readonly IsolationLevel _isolationLevel;
    private SchemaSession? _session;
    private bool _disposed;

    /// <summary>Creates the holder; the session begins on first use.</summary>
    /// <param name="database">Where sessions connect.</param>
    /// <param name="isolationLevel">The session's isolation level.</param>
    public SchemaScopedSession(SchemaDatabase database, IsolationLevel isolationLevel = IsolationLevel.ReadCommitted)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _isolationLevel = isolationLevel;
    }

    /// <summary>Whether the session has been begun in this scope.</summary>
    public bool HasSession => _session is not null;

    /// <summary>The scope's session, begun now if it is not yet.</summary>
    /// <param name="cancellationToken">Cancels the begin.</param>
    /// <returns>The session; do not dispose it, the scope does.</returns>
    public async ValueTask<SchemaSession> GetAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _session ??= await _database.BeginAsync(_isolationLevel, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The scope's session, begun now (synchronously) if it is not yet; for DI factories.</summary>
    internal SchemaSession Get()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _session ??= SchemaSession.Begin(_database, _isolationLevel);
    }

    /// <summary>
    /// Ends the scope's unit of work: commits when <paramref name="succeeded"/> and the session is still active,
    /// rolls back otherwise. Does nothing when no session was begun or it was already ended by the caller.
    /// </summary>
    /// <param name="succeeded">Whether the work of the scope succeeded.</param>
    /// <param name="cancellationToken">Cancels the commit or rollback.</param>
    /// <returns>A task that completes when the transaction has ended.</returns>
    public async ValueTask CompleteAsync(bool succeeded, CancellationToken cancellationToken = default)
    {
        if (_session is not { IsActive: true } session)
        {
            return;
        }

        if (succeeded)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await session.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The connection broke with the failure being handled; the server discards the transaction anyway.
            }
        }
    }

    /// <summary>Rolls back a session still open and returns its connection to the pool.</summary>
    /// <returns>A task that completes when the connection is back.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
