using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A transaction-level advisory lock held across an apply's own transactions: a connection of its own keeps a
/// transaction open that holds the lock and does nothing else (no snapshot, no transaction id, so it holds back
/// neither vacuum nor concurrent index builds). Unlike a session lock it works behind a transaction pooler, and
/// the server releases it the moment the process or its connection dies.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private const string LockNotAvailable = "55P03";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private AdvisoryLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Takes the lock, waiting at most <paramref name="wait"/> (<see cref="TimeSpan.Zero"/>: as long as it takes).</summary>
    /// <exception cref="SchemaApplyException">The lock was not granted in time.</exception>
    public static async ValueTask<AdvisoryLock> AcquireAsync(SchemaDatabase database, long key, TimeSpan wait, string holder, CancellationToken cancellationToken)
        => (await TakeAsync(database, key, wait, tryOnly: false, cancellationToken).ConfigureAwait(false))
            ?? throw new SchemaApplyException(
                $"Gave up after waiting {wait.TotalSeconds:0.#} s for {holder}, and nothing was changed. Retry when it is done, or raise ApplyOptions.ApplyLockTimeout.",
                History.Lock(key),
                new TimeoutException());

    /// <summary>Takes the lock if it is free; <see langword="null"/> when another process holds it.</summary>
    public static ValueTask<AdvisoryLock?> TryAcquireAsync(SchemaDatabase database, long key, CancellationToken cancellationToken)
        => TakeAsync(database, key, TimeSpan.Zero, tryOnly: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the server released the lock with it.
        }
        catch (InvalidOperationException)
        {
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private static async ValueTask<AdvisoryLock?> TakeAsync(SchemaDatabase database, long key, TimeSpan wait, bool tryOnly, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var batch = new NpgsqlBatch(connection, transaction)
            {
                // The server's lock_timeout bounds the wait; the client must not give up before it.
                Timeout = 0,
                // The trailing SET takes over the unnamed portal: the SELECT's portal, left open, would keep its
                // snapshot (and the transaction's xmin), and a concurrent index build would wait for it forever.
                BatchCommands = { new(History.SetLockTimeout(wait)), new(tryOnly ? History.TryLock(key) : History.Lock(key)), new("SET LOCAL lock_timeout = 0") },
            };
            await using (batch.ConfigureAwait(false))
            {
                var granted = tryOnly ? await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true : await ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
                if (granted)
                {
                    return new AdvisoryLock(connection, transaction);
                }
            }
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<bool> ExecuteAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == LockNotAvailable)
        {
            return false;
        }
    }
}
