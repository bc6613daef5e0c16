using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Runs a plan's statements the way each phase needs: a short transaction under a short <c>lock_timeout</c>, rolled
/// back and retried with growing pauses when a lock is not granted in time or a deadlock is detected; or a statement
/// alone, outside any transaction, under the long <c>statement_timeout</c> (concurrent index builds).
/// </summary>
internal static class StatementRunner
{
    private const string LockNotAvailable = "55P03";
    private const string DeadlockDetected = "40P01";

    /// <summary>
    /// Runs <paramref name="statements"/> in one transaction (then <paramref name="beforeCommit"/>), retrying the whole
    /// transaction when a lock is not granted in time. With <paramref name="longRunning"/>, under the long statement
    /// timeout and without a lock timeout: for statements whose lock lets writers go on (validations).
    /// </summary>
    /// <exception cref="SchemaApplyException">A statement failed, or the locks were never granted; the transaction was rolled back.</exception>
    public static ValueTask RunTransactionAsync(
        NpgsqlConnection connection,
        IReadOnlyList<SchemaStatement> statements,
        ApplyOptions options,
        Func<NpgsqlTransaction, ValueTask>? beforeCommit,
        CancellationToken cancellationToken,
        bool longRunning = false)
        => RunAsync(
            connection,
            options,
            longRunning,
            async (command, transaction) =>
            {
                foreach (var statement in statements)
                {
                    command.CommandText = statement.Sql;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                command.CommandText = string.Empty;
                if (beforeCommit is not null)
                {
                    await beforeCommit(transaction).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);

    /// <summary>
    /// Runs one batch of a fill (<see cref="Ddl.FillBatch"/>) over the blocks from <paramref name="from"/> up to
    /// <paramref name="to"/>, in a short transaction of its own, retried like <see cref="RunTransactionAsync"/>; returns
    /// how many rows it changed, how many of them still match the fill's condition (the batch is then rolled back), the
    /// table's size in blocks and its estimated rows per block.
    /// </summary>
    /// <exception cref="SchemaApplyException">The batch failed, or its locks were never granted.</exception>
    public static async ValueTask<FillBatchResult> RunBatchAsync(
        NpgsqlConnection connection, SchemaStatement statement, long from, long to, ApplyOptions options, CancellationToken cancellationToken)
    {
        FillBatchResult result = default;
        await RunAsync(
            connection,
            options,
            longRunning: false,
            async (command, transaction) =>
            {
                command.CommandText = statement.Sql;
                command.Parameters.Clear();
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Block(from) });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Block(to) });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    result = new FillBatchResult(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
                }

                return result.LeftOver == 0;
            },
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The transaction both run in: its timeouts set first, then <paramref name="body"/>, whose command names the
    /// statement running and which says whether to commit (else the transaction is rolled back); a lock not granted in time or a deadlock rolls it back and, after a pause, starts it again.
    /// </summary>
    private static async ValueTask RunAsync(
        NpgsqlConnection connection, ApplyOptions options, bool longRunning, Func<NpgsqlCommand, NpgsqlTransaction, ValueTask<bool>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            var settings = longRunning
                ? History.SetStatementTimeout(options.StatementTimeout) + "; SET LOCAL lock_timeout = 0"
                : History.SetLockTimeout(options.LockTimeout);
            // The server's timeouts bound each statement; the client must not give up before them.
            var command = new NpgsqlCommand(settings, connection, transaction) { CommandTimeout = 0 };
            await using var commandScope = command.ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = string.Empty;
            try
            {
                if (await body(command, transaction).ConfigureAwait(false))
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (PostgresException exception) when (exception.SqlState is LockNotAvailable or DeadlockDetected && command.CommandText.Length > 0)
            {
                var current = command.CommandText;
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                if (attempt > options.LockRetries)
                {
                    throw new SchemaApplyException(
                        $"Gave up after {attempt} attempt(s) of {options.LockTimeout.TotalSeconds:0.#} s each to take the locks this step needs, and the step was rolled back: " +
                        $"long-running transactions on the same tables hold them. Retry when they are done, or raise ApplyOptions.LockTimeout or LockRetries. The statement waiting was:\n{current}",
                        current,
                        exception);
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (command.CommandText.Length > 0)
            {
                throw Failed(exception, command.CommandText);
            }
        }
    }

    /// <summary>
    /// Runs one statement outside any transaction (<c>CREATE INDEX CONCURRENTLY</c>, <c>DROP INDEX CONCURRENTLY</c>).
    /// Its lock lets readers and writers go on, so it waits for it as long as needed. Its time limit is kept by the
    /// client (Npgsql cancels the statement when <see cref="ApplyOptions.StatementTimeout"/> is up), not by a session
    /// setting: behind a transaction pooler a <c>SET</c> outside a transaction may land on another server connection
    /// and stay there for other clients.
    /// </summary>
    public static async ValueTask RunAloneAsync(NpgsqlConnection connection, SchemaStatement statement, ApplyOptions options, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = (int)Math.Min(int.MaxValue, options.StatementTimeout.TotalSeconds) };
        await using var commandScope = command.ConfigureAwait(false);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception)
        {
            throw Failed(exception, statement.Sql);
        }
        catch (NpgsqlException exception) when (exception.InnerException is TimeoutException)
        {
            throw new SchemaApplyException(
                $"The statement did not finish within {options.StatementTimeout.TotalMinutes:0.#} min (ApplyOptions.StatementTimeout) and was cancelled. The statement was:\n{statement.Sql}",
                statement.Sql,
                exception);
        }
    }

    public static SchemaApplyException Failed(PostgresException exception, string statement)
        => new($"PostgreSQL refused a statement: {exception.MessageText} ({exception.SqlState}). The statement was:\n{statement}", statement, exception);

    /// <summary>The first row position of a block, as text.</summary>
    private static string Block(long block) => "(" + block.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",0)";

    /// <summary>Whether PostgreSQL refused for a lock not granted in time or a deadlock: worth trying again.</summary>
    public static bool IsLockFailure(PostgresException exception) => exception.SqlState is LockNotAvailable or DeadlockDetected;

    /// <summary>250 ms, doubling, at most 5 s, with up to a quarter more at random so retrying appliers spread out.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var milliseconds = Math.Min(5000, 250 * Math.Pow(2, Math.Min(attempt - 1, 5)));
        return TimeSpan.FromMilliseconds(milliseconds * (1 + (Random.Shared.NextDouble() / 4)));
    }
}

/// <summary>What one batch of a fill did, and how big the table is.</summary>
/// <param name="Changed">Rows changed.</param>
/// <param name="LeftOver">Rows changed that still match the fill's condition.</param>
/// <param name="Blocks">The table's size in blocks.</param>
/// <param name="RowsPerBlock">The table's estimated rows per block; 0 when unknown.</param>
internal readonly record struct FillBatchResult(long Changed, long LeftOver, long Blocks, double RowsPerBlock);
