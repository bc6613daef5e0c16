using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Polly;

namespace Schemata;

public sealed partial class SchemaDatabase
{
    /// <summary>Opens a pooled connection and begins a transaction: a session you commit yourself.</summary>
    /// <param name="isolationLevel">The transaction's isolation level.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The session; dispose it (without a commit, that rolls back).</returns>
    /// <exception cref="SchemaConnectionException">No connection could be opened (unreachable, login refused, pool exhausted).</exception>
    /// <example>
    /// <code>
    /// await using var session = await db.BeginAsync();
    /// await session.Users().InsertAsync(user);
    /// await session.CommitAsync();
    /// </code>
    /// </example>
    public ValueTask<SchemaSession> BeginAsync(IsolationLevel isolationLevel = IsolationLevel.ReadCommitted, CancellationToken cancellationToken = default) =>
        SchemaSession.BeginAsync(this, isolationLevel, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work: begins a session, runs the work, commits. When an attempt
    /// fails on a transient error (serialization failure, deadlock, server shutdown, lost connection) the session is
    /// rolled back and the whole unit runs again in a new one, after an exponential, jittered delay
    /// (<see cref="SchemaRetryOptions"/>); anything else is never retried.
    /// </summary>
    /// <param name="work">The unit: everything it does goes through the session it is given. It may run more than once.</param>
    /// <param name="options">Isolation level and retry settings; <see langword="null"/> for read committed and the database's retry settings.</param>
    /// <param name="cancellationToken">Cancels the unit; whatever it wrote is rolled back.</param>
    /// <returns>A task that completes when the unit has committed.</returns>
    /// <exception cref="SchemaConstraintException">A write broke a unique, foreign key, check or NOT NULL constraint.</exception>
    /// <exception cref="SchemaTransientException">Serialization failures or deadlocks outlasted every attempt.</exception>
    /// <exception cref="SchemaConnectionException">The server could not be reached, or the connection was lost on every attempt.</exception>
    /// <exception cref="PostgresException">PostgreSQL refused a statement for another reason (SQLSTATE in <see cref="PostgresException.SqlState"/>); nothing was committed.</exception>
    /// <exception cref="TimeoutException">A statement ran past the command timeout; nothing was committed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was committed.</exception>
    public async ValueTask RunAsync(Func<SchemaSession, CancellationToken, ValueTask> work, SchemaUnitOfWorkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync(
            async (session, token) =>
            {
                await work(session, token).ConfigureAwait(false);
                return true;
            },
            options,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work and returns its result once committed; see
    /// <see cref="RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="work">The unit: everything it does goes through the session it is given. It may run more than once.</param>
    /// <param name="options">Isolation level and retry settings; <see langword="null"/> for read committed and the database's retry settings.</param>
    /// <param name="cancellationToken">Cancels the unit; whatever it wrote is rolled back.</param>
    /// <returns>What the last, committed attempt returned.</returns>
    /// <exception cref="SchemaConstraintException">A write broke a unique, foreign key, check or NOT NULL constraint.</exception>
    /// <exception cref="SchemaTransientException">Serialization failures or deadlocks outlasted every attempt.</exception>
    /// <exception cref="SchemaConnectionException">The server could not be reached, or the connection was lost on every attempt.</exception>
    /// <exception cref="PostgresException">PostgreSQL refused a statement for another reason (SQLSTATE in <see cref="PostgresException.SqlState"/>); nothing was committed.</exception>
    /// <exception cref="TimeoutException">A statement ran past the command timeout; nothing was committed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was committed.</exception>
    public async ValueTask<T> RunAsync<T>(Func<SchemaSession, CancellationToken, ValueTask<T>> work, SchemaUnitOfWorkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        options ??= SchemaUnitOfWorkOptions.Default;
        var pipeline = options.Retry is { } retry ? RetryPipelines.Build(retry, Logger, DisplayName) : Retry;
        var unit = new UnitOfWork<T>(this, work, options.IsolationLevel, options.Target);
        try
        {
            return await pipeline.ExecuteAsync(
                static (unit, token) => unit.RunOnceAsync(token),
                unit,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var translated = await TranslateFailureAsync(exception, unit.Attempts).ConfigureAwait(false);
            DatabaseLog.UnitFailed(Logger, DisplayName, unit.Attempts, translated.GetType().Name, translated.Message);
            if (ReferenceEquals(translated, exception))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <summary>
    /// What the caller of a unit of work sees for its last failure. Only what the retries add is the unit's own: the
    /// transient failures that outlasted them. Everything else is what <see cref="SchemaErrors.TranslateAsync"/>
    /// makes of it, as for a session the caller manages: a constraint violation or a command timeout translated, any
    /// other statement error the <see cref="PostgresException"/> it is (never a connection problem: the connection
    /// worked, the statement was refused).
    /// </summary>
    private async ValueTask<Exception> TranslateFailureAsync(Exception exception, int attempts)
    {
        if (exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } postgres)
        {
            var what = postgres.SqlState == PostgresErrorCodes.DeadlockDetected ? "a deadlock" : "a serialization conflict with concurrent transactions";
            return new SchemaTransientException(
                $"The unit of work on {DisplayName} failed on {what} (SQLSTATE {postgres.SqlState}) in each of its {attempts} attempt(s); nothing was committed. " +
                "Run it again later, raise SchemaRetryOptions.MaxAttempts, or shorten the transactions that contend for the same rows.",
                postgres.SqlState,
                attempts,
                postgres);
        }

        if (exception is SchemaConnectionException { Failure: SchemaConnectionFailure.Unreachable or SchemaConnectionFailure.ServerUnavailable } connection)
        {
            return ConnectionFailures.GaveUp(connection, Target, attempts);
        }

        if (exception is not SchemaConnectionException && SchemaTransientErrors.IsTransient(exception))
        {
            return ConnectionFailures.Lost(exception, Target, attempts);
        }

        return await SchemaErrors.TranslateAsync(this, exception, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One attempt of a unit of work: a fresh session, the work, the commit.</summary>
    private sealed class UnitOfWork<T>(
        SchemaDatabase database, Func<SchemaSession, CancellationToken, ValueTask<T>> work, IsolationLevel isolationLevel, SchemaSessionTarget target)
    {
        private int _attempts;

        internal int Attempts => Volatile.Read(ref _attempts);

        internal async ValueTask<T> RunOnceAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            var session = await SchemaSession.BeginAsync(database, target, isolationLevel, cancellationToken).ConfigureAwait(false);
            await using var sessionScope = session.ConfigureAwait(false);
            var result = await work(session, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }
}
