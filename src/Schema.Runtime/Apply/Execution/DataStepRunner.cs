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
    /// Runs a fill (<see cref="Ddl.FillBatch"/>): passes over the table a range of blocks at a time, each range sized
    /// for about <see cref="SchemaStatement.FillBatchSize"/> rows, each batch a short transaction, up to the table's end as it was
    /// when the pass began; passes repeat until one changes nothing, for rows written or moved behind the pass
    /// meanwhile, at most <see cref="MaxPasses"/> times. A batch whose rows still match the fill's condition afterwards
    /// (an expression that gives NULL for a fill of NULLs) would never finish: it is rolled back and the fill refused.
    /// </summary>
    /// <returns>Whether the last pass changed nothing; otherwise writers kept writing rows that match, and those stay.</returns>
    /// <exception cref="SchemaApplyException">A batch failed, or left rows matching.</exception>
    public static async ValueTask<bool> FillAsync(NpgsqlConnection connection, SchemaStatement statement, ApplyOptions options, CancellationToken cancellationToken)
    {
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            var changedInPass = 0L;
            long? end = null;
            long from = 0, blocks = 1;
            while (end is null || from < end)
            {
                var batch = await StatementRunner.RunBatchAsync(connection, statement, from, from + blocks, options, cancellationToken).ConfigureAwait(false);
                if (batch.LeftOver > 0)
                {
                    throw new SchemaApplyException(
                        $"A fill would never finish: after a batch of it, {batch.LeftOver.ToString("N0", CultureInfo.InvariantCulture)} of the {batch.Changed.ToString("N0", CultureInfo.InvariantCulture)} rows it changed still match its condition " +
                        $"(does the expression give NULL for some rows?). The batch was rolled back. The statement was:\n{statement.Sql}",
                        statement.Sql,
                        null);
                }

                changedInPass += batch.Changed;
                from += blocks;
                if (end is null)
                {
                    // The first batch (one block) tells how far this pass goes and how many blocks make a batch.
                    end = batch.Blocks;
                    blocks = (long)Math.Clamp(statement.FillBatchSize / (batch.RowsPerBlock > 0 ? batch.RowsPerBlock : 100), 1, 1_000_000);
                }
            }

            if (changedInPass == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Calls a data step in code, each call in a session of its own under the short lock timeout, committed after it
    /// returns, until a call returns 0. A call whose lock is not granted in time (or that meets a deadlock) is rolled
    /// back and made again after a pause, up to <see cref="ApplyOptions.LockRetries"/> times.
    /// </summary>
    /// <exception cref="SchemaApplyException">The step threw; the batch it was doing was rolled back.</exception>
    public static async ValueTask RunCodeAsync(SchemaDatabase database, DataStepModel step, ApplyOptions options, CancellationToken cancellationToken)
    {
        // An apply-only database knows no type of the model: the step's sessions get one that does.
        if (database.ForSessions is not { } make)
        {
            await RunCodeOnAsync(database, step, options, cancellationToken).ConfigureAwait(false);
            return;
        }

        var full = make();
        await using (full.ConfigureAwait(false))
        {
            await RunCodeOnAsync(full, step, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask RunCodeOnAsync(SchemaDatabase database, DataStepModel step, ApplyOptions options, CancellationToken cancellationToken)
    {
        var attempt = 1;
        while (true)
        {
            int changed;
            try
            {
                changed = await CallAsync(database, step, options, cancellationToken).ConfigureAwait(false);
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

            if (changed == 0)
            {
                return;
            }

            attempt = 1;
        }
    }

    /// <summary>One call of a step in code: its own session under the short lock timeout, committed once it returns.</summary>
    private static async ValueTask<int> CallAsync(SchemaDatabase database, DataStepModel step, ApplyOptions options, CancellationToken cancellationToken)
    {
        var session = await SchemaSession.BeginAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var settings = new NpgsqlCommand(History.SetLockTimeout(options.LockTimeout), session.Connection, session.Transaction);
            await using (settings.ConfigureAwait(false))
            {
                await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var changed = await step.Run!(session, step.BatchSize, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }
}
