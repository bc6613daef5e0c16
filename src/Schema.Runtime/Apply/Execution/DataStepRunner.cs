using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Runs data work a batch at a time, each batch in a short transaction of its own, until a batch changes no row:
/// writers wait at most for one batch's row locks, and a stopped step resumes where it was, since the rows done no
/// longer match.
/// </summary>
internal static class DataStepRunner
{
    /// <summary>How many passes over the table a fill makes at most.</summary>
    private const int MaxPasses = 5;

    /// <summary>
    /// Runs a fill (<see cref="Ddl.FillBatch"/>): passes over the table, a batch at a time, each batch reading on from
    /// where the one before stopped, until a whole pass finds nothing to fill (rows written or moved behind the pass
    /// meanwhile are caught by the next one). After <see cref="MaxPasses"/> passes it stops: what writers still put
    /// there is theirs (a fill before a NOT NULL check is followed by another once the check stops new NULLs). A batch
    /// whose rows still match the fill's condition afterwards (an expression that gives NULL for a fill of NULLs) would
    /// never finish: it is rolled back and the fill refused.
    /// </summary>
    /// <exception cref="SchemaApplyException">A batch failed, or left rows matching.</exception>
    public static async ValueTask FillAsync(NpgsqlConnection connection, SchemaStatement statement, ApplyOptions options, CancellationToken cancellationToken)
    {
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            var changedInPass = 0L;
            for (var after = "(0,0)"; ;)
            {
                var (changed, leftOver, last) = await StatementRunner.RunBatchAsync(connection, statement, after, options, cancellationToken).ConfigureAwait(false);
                if (leftOver > 0)
                {
                    throw new SchemaApplyException(
                        $"A fill would never finish: after a batch of it, {leftOver.ToString("N0", CultureInfo.InvariantCulture)} of the {changed.ToString("N0", CultureInfo.InvariantCulture)} rows it changed still match its condition " +
                        $"(does the expression give NULL for some rows?). The batch was rolled back. The statement was:\n{statement.Sql}",
                        statement.Sql,
                        null);
                }

                changedInPass += changed;
                if (last is null)
                {
                    break;
                }

                after = last;
            }

            if (changedInPass == 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Calls a data step in code, each call in a session of its own under the short lock timeout, committed after it
    /// returns, until a call returns 0. A call whose lock is not granted in time (or that meets a deadlock) is rolled
    /// back and made again after a pause, up to <see cref="ApplyOptions.LockRetries"/> times.
    /// </summary>
    /// <exception cref="SchemaApplyException">The step threw; the batch it was doing was rolled back.</exception>
    public static async ValueTask RunCodeAsync(SchemaDatabase database, DataStepModel step, ApplyOptions options, CancellationToken cancellationToken)
    {
        var attempt = 1;
        while (true)
        {
            int changed;
            var session = await SchemaSession.BeginAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var settings = new NpgsqlCommand(History.SetLockTimeout(options.LockTimeout), session.Connection, session.Transaction);
                await using (settings.ConfigureAwait(false))
                {
                    await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    changed = await step.Run!(session, step.BatchSize, cancellationToken).ConfigureAwait(false);
                    await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (StatementRunner.IsLockFailure(exception) && attempt <= options.LockRetries)
                {
                    // Rolled back with the session; the same batch is tried again after a pause, like any short change.
                    await Task.Delay(StatementRunner.Backoff(attempt++), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    throw new SchemaApplyException($"The {step} failed, and the batch it was doing was rolled back: {exception.Message}", "-- " + step, exception);
                }
            }

            if (changed == 0)
            {
                return;
            }

            attempt = 1;
        }
    }
}
