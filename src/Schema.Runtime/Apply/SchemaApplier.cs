using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OwnedGrantKeys = System.Collections.Generic.HashSet<(Schemata.GrantObject Object, string Role, string Schema, string? Table)>;

namespace Schemata;

/// <summary>
/// Applies a <see cref="SchemaModel"/>. The fast path is one round trip: the last recorded hash is this model's and
/// complete. Otherwise, under the apply lock: a database that records a newer model after this one is left alone;
/// the plan is read, refused if anything in it is blocked or not allowed, new enum values are committed first, the
/// catalog changes run in one short transaction that records the history row, and the apply lock is released. The
/// long phases (data steps, concurrent index builds, validations, completion) then run under the long-phase lock,
/// in the foreground or in the background, each in statements or transactions of their own.
/// </summary>
internal static partial class SchemaApplier
{
    private const string UndefinedTable = "42P01";
    private const string UndefinedColumn = "42703";

    public static async ValueTask<ApplyResult> ApplyAsync(SchemaModel model, SchemaDatabase database, ApplyOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        if (!options.RepairDrift && await ReadLastFastAsync(connection, cancellationToken).ConfigureAwait(false) is { } fast
            && fast.Hash == model.Hash && fast.Phase == History.Complete)
        {
            return new ApplyResult(model.Hash, upToDate: true, [], [], clock.Elapsed);
        }

        AdvisoryLock? applyLock = await AdvisoryLock.AcquireAsync(database, History.ApplyLockKey, options.ApplyLockTimeout, "another apply of the schema", cancellationToken).ConfigureAwait(false);
        AdvisoryLock? longLock = null;
        SchemaHistoryEntry? last = null;
        var ours = false;

        // Reads the history; returns the result when there is nothing for this apply to do (a newer model's database,
        // left alone; this model complete already).
        async ValueTask<ApplyResult?> ReadHistoryOrReturnAsync()
        {
            (last, var newer, _) = await ReadHistoryAsync(connection, model.Hash, cancellationToken).ConfigureAwait(false);
            if (newer is not null && !options.ApplyOlderModel)
            {
                return await LeaveAloneAsync(model, database, connection, last, newer, clock, cancellationToken).ConfigureAwait(false);
            }

            ours = last?.ModelHash == model.Hash;
            return ours && last!.IsComplete && !options.RepairDrift ? new ApplyResult(model.Hash, upToDate: true, [], [], clock.Elapsed) : null;
        }

        try
        {
            if (await ReadHistoryOrReturnAsync().ConfigureAwait(false) is { } nothingToDo)
            {
                return nothingToDo;
            }

            if (ours && History.ShortPartDone(last!.Phase) && !options.RepairDrift)
            {
                // The short changes are in; only the long phases are left. Whoever holds their lock is finishing them.
                longLock = await AdvisoryLock.TryAcquireAsync(database, History.LongPhaseLockKey, cancellationToken).ConfigureAwait(false);
                if (longLock is null)
                {
                    if (!options.Background)
                    {
                        return new ApplyResult(model.Hash, upToDate: false, [], [], clock.Elapsed) { LongPhasesElsewhere = true };
                    }

                    // Stand by: should the process doing them stop, this one takes the lock over and finishes them.
                    var standby = new CancellationTokenSource();
                    var takeOver = Task.Run(() => TakeOverAsync(model, database, options, standby.Token), CancellationToken.None);
                    return new ApplyResult(model.Hash, [], [], clock.Elapsed, takeOver, standby) { LongPhasesElsewhere = true };
                }
            }
            else
            {
                longLock = await AdvisoryLock.AcquireAsync(database, History.LongPhaseLockKey, options.ApplyLockTimeout, "the long phases of another apply", cancellationToken).ConfigureAwait(false);
            }

            // The process that held the long-phase lock may have recorded more (data steps done, an apply complete)
            // while this one waited for it: what follows starts from the history as it is now.
            if (await ReadHistoryOrReturnAsync().ConfigureAwait(false) is { } doneMeanwhile)
            {
                return doneMeanwhile;
            }

            var recorded = last is null ? null : Manifest.Parse(last.Manifest);
            var doneSteps = recorded?.DoneSteps().ToList() ?? [];
            var executed = new List<string>();
            var applied = new List<SchemaChange>();
            List<SchemaChange> changes;
            Catalog catalog;
            while (true)
            {
                (catalog, changes) = await PlanAsync(model, connection, recorded, cancellationToken).ConfigureAwait(false);
                Guard(changes, options);
                var enumValues = changes.Where(c => c.RunsFirst).ToList();
                if (enumValues.Count == 0)
                {
                    break;
                }

                // New enum values must be committed before any statement may use them; then plan the rest afresh.
                var statements = enumValues.SelectMany(c => c.Statements).ToList();
                await StatementRunner.RunTransactionAsync(
                    connection,
                    statements,
                    options,
                    async transaction => await RecordAsync(connection, transaction, model.Hash, statements.Select(s => s.Sql), last?.Manifest ?? [], History.EnumValues, clock, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                executed.AddRange(statements.Select(s => s.Sql));
                applied.AddRange(enumValues);
                await database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }

            var owned = ApplyPlanner.OwnedGrants(catalog, recorded, changes);
            var shortStatements = changes.SelectMany(c => c.Statements).Where(s => s.Phase == ApplyPhase.Change).ToList();
            var longChanges = changes.Where(c => c.Statements.Any(s => s.Phase > ApplyPhase.Change)).ToList();
            if (shortStatements.Count > 0 || !ours || longChanges.Count == 0)
            {
                long id = 0;
                try
                {
                    await StatementRunner.RunTransactionAsync(
                        connection,
                        shortStatements,
                        options,
                        async transaction =>
                        {
                            var manifest = Manifest.Record(model, catalog, Owned(model, catalog, owned), doneSteps, renderings: false);
                            var phase = longChanges.Count > 0 ? History.Changed : History.Complete;
                            id = await RecordAsync(connection, transaction, model.Hash, shortStatements.Select(s => s.Sql), manifest.ToArray(), phase, clock, cancellationToken).ConfigureAwait(false);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (SchemaApplyException exception)
                {
                    var committed = executed.Count == 0 ? string.Empty : " (only the new enum values committed before it stay: " + string.Join(" ", executed) + ")";
                    throw new SchemaApplyException($"Applying the schema failed and nothing was changed{committed}. {exception.Message}", exception.Statement, exception.InnerException ?? exception);
                }

                executed.AddRange(shortStatements.Select(s => s.Sql));
                await RecordManifestAsync(model, connection, id, owned, doneSteps, cancellationToken).ConfigureAwait(false);
            }

            applied.AddRange(changes);
            if (changes.Any(c => c.ChangesTypes))
            {
                // The data source loaded the database's types before they changed; generated code reads, writes and
                // copies enums by type name, so it must see the new ones.
                await database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }

            await applyLock.DisposeAsync().ConfigureAwait(false);
            applyLock = null;
            if (longChanges.Count == 0)
            {
                return new ApplyResult(model.Hash, upToDate: false, executed, applied, clock.Elapsed);
            }

            if (options.Background)
            {
                var stop = new CancellationTokenSource();
                var held = longLock;
                longLock = null;
                var completion = Task.Run(() => RunLongPhasesInBackgroundAsync(model, database, longChanges, owned, doneSteps, options, held, stop.Token), CancellationToken.None);
                LogBackground(database.Logger, database.DisplayName, longChanges.Count);
                return new ApplyResult(model.Hash, executed, applied, clock.Elapsed, completion, stop);
            }

            var longStatements = await RunLongPhasesAsync(model, database, longChanges, owned, doneSteps, options, clock, cancellationToken).ConfigureAwait(false);
            return new ApplyResult(model.Hash, upToDate: false, [.. executed, .. longStatements], applied, clock.Elapsed);
        }
        finally
        {
            if (longLock is not null)
            {
                await longLock.DisposeAsync().ConfigureAwait(false);
            }

            if (applyLock is not null)
            {
                await applyLock.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits for the long-phase lock another process holds; once it is released (the work is done, or that process
    /// stopped), applies again in the foreground: nothing to do when the work is done, otherwise whatever is still
    /// pending, short changes included (a change interrupted between its data step and its helper check plans that
    /// check as a short change again).
    /// </summary>
    private static async Task TakeOverAsync(SchemaModel model, SchemaDatabase database, ApplyOptions options, CancellationToken cancellationToken)
    {
        var longLock = await AdvisoryLock.AcquireAsync(database, History.LongPhaseLockKey, TimeSpan.Zero, "the long phases of another apply", cancellationToken).ConfigureAwait(false);
        await longLock.DisposeAsync().ConfigureAwait(false);
        await LoggingEndAsync(
            database,
            async () =>
            {
                var result = await ApplyAsync(model, database, options with { Background = false }, cancellationToken).ConfigureAwait(false);
                if (!result.WasUpToDate && !result.LongPhasesElsewhere)
                {
                    LogTookOver(database.Logger, database.DisplayName, result.Changes.Count);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunLongPhasesInBackgroundAsync(
        SchemaModel model, SchemaDatabase database, List<SchemaChange> changes, OwnedGrantKeys owned, List<string> doneSteps, ApplyOptions options, AdvisoryLock longLock, CancellationToken cancellationToken)
    {
        await using var lockScope = longLock.ConfigureAwait(false);
        await LoggingEndAsync(
            database,
            async () =>
            {
                await RunLongPhasesAsync(model, database, changes, owned, doneSteps, options, Stopwatch.StartNew(), cancellationToken).ConfigureAwait(false);
                LogBackgroundDone(database.Logger, database.DisplayName);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs background work, logging it when it stops (cancelled) or fails, and passing that on.</summary>
    private static async Task LoggingEndAsync(SchemaDatabase database, Func<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogBackgroundStopped(database.Logger, database.DisplayName);
            throw;
        }
        catch (Exception exception)
        {
            LogBackgroundFailed(database.Logger, database.DisplayName, exception.Message);
            throw;
        }
    }

    /// <summary>
    /// Runs the long phases of <paramref name="changes"/>, phase by phase, data steps first. A change whose statement
    /// fails is set aside (an index a failed concurrent build left invalid is dropped) and the others go on. Each data
    /// step that finishes is recorded in a history row of its own, so it never runs again; the last row records what
    /// else ran and, when everything succeeded, that the apply is complete.
    /// </summary>
    private static async ValueTask<List<string>> RunLongPhasesAsync(
        SchemaModel model, SchemaDatabase database, List<SchemaChange> changes, OwnedGrantKeys owned, List<string> doneSteps, ApplyOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var executed = new List<string>();
        var unrecorded = new List<string>();
        var failures = new List<SchemaApplyException>();
        var failed = new HashSet<SchemaChange>();
        var finished = false;
        try
        {
            foreach (var phase in new[] { ApplyPhase.DataSteps, ApplyPhase.BuildIndexes, ApplyPhase.Validate, ApplyPhase.Complete })
            {
                // The data steps fill what the changes' own statements of that phase (checks added after a fill) rely on.
                foreach (var change in phase == ApplyPhase.DataSteps ? changes.OrderBy(c => c.DataStep is null) : changes.AsEnumerable())
                {
                    var statements = change.Statements.Where(s => s.Phase == phase).ToList();
                    if (statements.Count == 0 || failed.Contains(change))
                    {
                        continue;
                    }

                    try
                    {
                        foreach (var statement in statements)
                        {
                            await RunLongStatementAsync(database, connection, change, statement, options, cancellationToken).ConfigureAwait(false);
                            executed.Add(statement.Sql);
                            unrecorded.Add(statement.Sql);
                        }

                        if (change.DataStep is { } step)
                        {
                            doneSteps.Add(step.Id);
                            await RecordAloneAsync(model, connection, unrecorded, History.DataStep, owned, doneSteps, clock).ConfigureAwait(false);
                            unrecorded.Clear();
                        }
                    }
                    catch (Exception exception) when (exception is SchemaApplyException or NpgsqlException or SchemaConnectionException)
                    {
                        failures.Add(exception as SchemaApplyException ?? new SchemaApplyException(
                            $"The connection failed during '{change.Description}': {exception.Message}",
                            change.Statements.FirstOrDefault(s => s.Phase == phase)?.Sql ?? string.Empty,
                            exception));
                        failed.Add(change);

                        // What relies on a failed data step (a NOT NULL over the column it fills) waits for the next apply.
                        failed.UnionWith(changes.Where(c => c.AfterDataStep is not null && c.AfterDataStep == change.DataStep));
                    }
                }
            }

            finished = true;
        }
        finally
        {
            if (unrecorded.Count > 0 || (finished && failures.Count == 0))
            {
                // Complete only when every phase ran through and nothing failed; anything that escaped leaves it pending.
                var complete = finished && failures.Count == 0 && !cancellationToken.IsCancellationRequested;
                try
                {
                    await RecordAloneAsync(model, connection, unrecorded, complete ? History.Complete : History.Changed, owned, doneSteps, clock).ConfigureAwait(false);
                }
                catch (Exception exception) when (!complete && exception is NpgsqlException or SchemaConnectionException or OperationCanceledException)
                {
                    // The failure already on its way says what went wrong; the history still says the apply is pending.
                }
            }
        }

        if (failures.Count > 0)
        {
            var lines = string.Join("\n", failures.Select(f => "  - " + f.Message.Replace("\n", "\n    ", StringComparison.Ordinal)));
            throw new SchemaApplyException(
                $"{failures.Count} change(s) of the long phases failed; the others are applied, and the next apply tries the failed ones again:\n{lines}",
                failures[0].Statement,
                failures[0]);
        }

        return executed;
    }

    /// <summary>
    /// One statement of a long phase: an index build alone, outside a transaction; a batch of a fill again and again,
    /// each in a short transaction, until it changes no row; a data step in code called the same way; anything else in
    /// a short transaction of its own (a validation without a lock timeout, since its lock lets writers go on).
    /// </summary>
    private static async ValueTask RunLongStatementAsync(
        SchemaDatabase database, NpgsqlConnection connection, SchemaChange change, SchemaStatement statement, ApplyOptions options, CancellationToken cancellationToken)
    {
        if (change.DataStep is { IsBackfill: false } code)
        {
            await DataStepRunner.RunCodeAsync(database, code, options, cancellationToken).ConfigureAwait(false);
        }
        else if (statement.FillBatchSize > 0)
        {
            if (!await DataStepRunner.FillAsync(connection, statement, options, cancellationToken).ConfigureAwait(false))
            {
                LogFillUnsettled(database.Logger, database.DisplayName, change.Description);
            }
        }
        else if (statement.Phase == ApplyPhase.BuildIndexes)
        {
            await RunUndoingAsync(connection, statement, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await StatementRunner.RunTransactionAsync(connection, [statement], options, null, cancellationToken, longRunning: statement.Phase == ApplyPhase.Validate).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a statement outside a transaction; when it fails or is cancelled, undoes what it left (an invalid index) before passing the failure on.</summary>
    private static async ValueTask RunUndoingAsync(NpgsqlConnection connection, SchemaStatement statement, ApplyOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await StatementRunner.RunAloneAsync(connection, statement, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (statement.UndoOnFailure is not null && exception is SchemaApplyException or OperationCanceledException or NpgsqlException)
        {
            try
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await StatementRunner.RunAloneAsync(connection, new SchemaStatement(statement.UndoOnFailure, ApplyPhase.BuildIndexes), options, cleanup.Token).ConfigureAwait(false);
            }
            catch (Exception cleanupFailure) when (cleanupFailure is SchemaApplyException or OperationCanceledException or NpgsqlException or InvalidOperationException)
            {
                // The next apply finds the invalid index and drops it before building it again.
            }

            throw;
        }
    }

    private static async ValueTask<ApplyResult> LeaveAloneAsync(
        SchemaModel model, SchemaDatabase database, NpgsqlConnection connection, SchemaHistoryEntry? last, string newer, Stopwatch clock, CancellationToken cancellationToken)
    {
        var recorded = last is null ? null : Manifest.Parse(last.Manifest);
        var (_, changes) = await PlanAsync(model, connection, recorded, cancellationToken).ConfigureAwait(false);
        LogLeftAlone(database.Logger, database.DisplayName, Short(newer), changes.Count, string.Join("; ", changes.Select(c => c.Description)));
        return new ApplyResult(model.Hash, upToDate: false, [], [], clock.Elapsed) { LeftAlone = changes, NewerModelHash = newer };
    }

    public static async ValueTask<SchemaPlan> PlanAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
        => (await StatusAsync(model, database, cancellationToken).ConfigureAwait(false)).Plan;

    public static async ValueTask<SchemaStatus> StatusAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        model.LoadInBackground();
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        // Plan and status change nothing: a missing history table, or an old one without phases, is read as it is.
        var (last, newer, running) = await ReadHistoryAsync(connection, model.Hash, cancellationToken, askRunning: true).ConfigureAwait(false);

        var (_, changes) = await PlanAsync(model, connection, last is null ? null : Manifest.Parse(last.Manifest), cancellationToken, running).ConfigureAwait(false);
        return new SchemaStatus(last, new SchemaPlan(model.Hash, last, changes, newer), running);
    }

    public static async ValueTask<IReadOnlyList<string>> DropAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        await using var applyLock = (await AdvisoryLock.AcquireAsync(database, History.ApplyLockKey, ApplyOptions.Default.ApplyLockTimeout, "another apply of the schema", cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var (last, _, _) = await ReadHistoryAsync(connection, model.Hash, cancellationToken, transaction).ConfigureAwait(false);
        var catalog = await Catalog.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var statements = SchemaDropper.Plan(model, catalog, last is null ? null : Manifest.Parse(last.Manifest));
        await ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        var schemas = await SchemaDropper.EmptySchemasAsync(connection, transaction, model.Schemas, cancellationToken).ConfigureAwait(false);
        var dropSchemas = schemas.Select(s => "DROP SCHEMA " + Sql.Quote(s) + ";").Append(History.Drop).ToList();
        await ExecuteAsync(connection, transaction, dropSchemas, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. statements, .. dropSchemas];
    }

    internal static bool IsProduction(Func<string, string?> environment)
        => string.Equals(environment("DOTNET_ENVIRONMENT"), "Production", StringComparison.OrdinalIgnoreCase)
        || string.Equals(environment("ASPNETCORE_ENVIRONMENT"), "Production", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses the plan, before anything runs, when a change is blocked, or destructive or a hazard and not allowed.</summary>
    private static void Guard(List<SchemaChange> changes, ApplyOptions options)
    {
        var production = IsProduction(options.Environment);
        var confirmed = string.Equals(options.Environment(ApplyOptions.ConfirmProductionVariable), "true", StringComparison.OrdinalIgnoreCase);
        var destructiveAllowed = options.AllowDestructive && (!production || confirmed);
        var refused = changes.Where(c => c.IsBlocked || (c.IsDestructive && !destructiveAllowed) || (c.IsHazard && !options.AllowHazards)).ToList();
        if (refused.Count > 0)
        {
            throw new SchemaRefusedException(refused, production, destructiveAllowed, options.AllowHazards);
        }
    }

    /// <summary>Reads the catalog and plans, asking the planner's questions about the rows in between; changes nothing.</summary>
    private static async ValueTask<(Catalog Catalog, List<SchemaChange> Changes)> PlanAsync(
        SchemaModel model, NpgsqlConnection connection, Manifest? recorded, CancellationToken cancellationToken, bool longPhasesRunning = false)
    {
        model.LoadInBackground();
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var catalog = await Catalog.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var facts = PlanFacts.Asking();
        var changes = ApplyPlanner.Plan(model, catalog, recorded, facts, longPhasesRunning);
        if (facts.HasQuestions)
        {
            facts = await PlanFacts.AnswerAsync(facts, connection, transaction, cancellationToken).ConfigureAwait(false);
            changes = ApplyPlanner.Plan(model, catalog, recorded, facts, longPhasesRunning);
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return (catalog, changes);
    }

    /// <summary>
    /// The fast path: the last recorded hash and phase, and whether another process holds the long-phase lock, in one
    /// round trip. No history table (or one too old to have phases) is a slow path, which creates or updates it.
    /// </summary>
    private static async ValueTask<(string Hash, string Phase, bool LongPhasesRunning)?> ReadLastFastAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(History.Last, connection);
        await using var commandScope = command.ConfigureAwait(false);
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)) : null;
        }
        catch (PostgresException exception) when (exception.SqlState is UndefinedTable or UndefinedColumn)
        {
            return null;
        }
    }

    /// <summary>
    /// The last history entry, the hash of a different model recorded after this one (the database is ahead of it), if
    /// any, and, when <paramref name="askRunning"/>, whether another process is running long phases; nothing when there
    /// is no history table yet.
    /// </summary>
    private static async ValueTask<(SchemaHistoryEntry? Last, string? Newer, bool LongPhasesRunning)> ReadHistoryAsync(
        NpgsqlConnection connection, string hash, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null, bool askRunning = false)
    {
        var shape = new NpgsqlCommand(History.Shape, connection, transaction);
        await using var shapeScope = shape.ConfigureAwait(false);
        bool exists, phased;
        var shapeReader = await shape.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (shapeReader.ConfigureAwait(false))
        {
            await shapeReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (exists, phased) = (shapeReader.GetBoolean(0), shapeReader.GetBoolean(1));
        }

        if (!exists)
        {
            return (null, null, false);
        }

        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(History.LastManifest),
                new(phased ? History.LastEntry : History.LastEntryWithoutPhase),
                new(History.Overtaken) { Parameters = { new NpgsqlParameter<string> { TypedValue = hash } } },
            },
        };
        var asking = askRunning && phased;
        if (asking)
        {
            // Long phases run only under a history that records phases.
            batch.BatchCommands.Add(new(History.Last));
        }

        await using var batchScope = batch.ConfigureAwait(false);
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var manifest = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            manifest.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        SchemaHistoryEntry? last = null;
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            last = new SchemaHistoryEntry(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                TimeSpan.FromMilliseconds(reader.GetInt32(3)),
                reader.GetString(4),
                manifest,
                reader.GetString(5));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var newer = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetString(0) : null;
        var running = asking && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetBoolean(2);
        return (last, newer, running);
    }

    private static async ValueTask<long> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string hash, IEnumerable<string> statements, IReadOnlyList<string> manifest, string phase, Stopwatch clock, CancellationToken cancellationToken)
    {
        // The history table is made (or brought up to date) in the transaction that first records: a refused or failed
        // first apply leaves nothing behind.
        var ensure = new NpgsqlBatch(connection, transaction) { BatchCommands = { new(History.Create), new(History.AddPhase) } };
        await using (ensure.ConfigureAwait(false))
        {
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var record = new NpgsqlCommand(History.Insert + " RETURNING id", connection, transaction);
        await using var recordScope = record.ConfigureAwait(false);
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)clock.ElapsedMilliseconds });
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Join("\n\n", statements) });
        record.Parameters.Add(SqlValues.TextArray(manifest));
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = phase });
        return (long)(await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Completes a history row's manifest with PostgreSQL's renderings of the model's definitions, read after the
    /// commit so the short transaction holds its locks no longer than its statements need.
    /// </summary>
    private static async ValueTask RecordManifestAsync(SchemaModel model, NpgsqlConnection connection, long id, OwnedGrantKeys owned, IEnumerable<string> doneSteps, CancellationToken cancellationToken)
    {
        var after = await Catalog.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var manifest = Manifest.Record(model, after, Owned(model, after, owned), doneSteps);
        var update = new NpgsqlCommand($"UPDATE {History.Table} SET manifest = $1::text[] WHERE id = $2", connection);
        await using var updateScope = update.ConfigureAwait(false);
        update.Parameters.Add(SqlValues.TextArray(manifest.ToArray()));
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the long phases in a row of their own, with the manifest as the catalog now stands, in one statement; never cancelled, so a stopped apply still says what it did.</summary>
    private static async ValueTask RecordAloneAsync(SchemaModel model, NpgsqlConnection connection, List<string> executed, string phase, OwnedGrantKeys owned, List<string> doneSteps, Stopwatch clock)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var after = await Catalog.ReadAsync(connection, null, timeout.Token).ConfigureAwait(false);
        var manifest = Manifest.Record(model, after, Owned(model, after, owned), doneSteps);
        await RecordAsync(connection, null, model.Hash, executed, manifest.ToArray(), phase, clock, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The model's grants as <paramref name="catalog"/> names them, limited to those it owns.</summary>
    private static IEnumerable<GrantTarget> Owned(SchemaModel model, Catalog catalog, OwnedGrantKeys owned)
        => catalog.GrantTargets(model).Where(t => owned.Contains((t.Object, t.Role, catalog.SchemaOf(t.Schema), t.Table)));

    /// <summary>Runs statements one at a time in the caller's transaction, so that a failure names the statement PostgreSQL refused.</summary>
    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<string> statements, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        await using var commandScope = command.ConfigureAwait(false);
        foreach (var statement in statements)
        {
            command.CommandText = statement;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw StatementRunner.Failed(exception, statement);
            }
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "The database {Database} records a newer model ({NewerHash}) applied after this one: left alone {Count} difference(s) it made: {Changes}")]
    private static partial void LogLeftAlone(ILogger logger, string database, string newerHash, int count, string changes);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Schema of {Database}: short changes committed; {Count} change(s) continue in the background (index builds, validations)")]
    private static partial void LogBackground(ILogger logger, string database, int count);

    [LoggerMessage(EventId = 52, Level = LogLevel.Information, Message = "Schema of {Database}: the long phases finished")]
    private static partial void LogBackgroundDone(ILogger logger, string database);

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Schema of {Database}: the long phases were stopped; the next apply finishes them")]
    private static partial void LogBackgroundStopped(ILogger logger, string database);

    [LoggerMessage(EventId = 55, Level = LogLevel.Information, Message = "Schema of {Database}: the process finishing the long phases stopped; this one took over and finished {Count} change(s)")]
    private static partial void LogTookOver(ILogger logger, string database, int count);

    [LoggerMessage(EventId = 56, Level = LogLevel.Warning, Message = "Schema of {Database}: '{Change}': writers kept writing rows that match the fill while it passed over the table; it stopped after its last pass and leaves those to them")]
    private static partial void LogFillUnsettled(ILogger logger, string database, string change);

    [LoggerMessage(EventId = 54, Level = LogLevel.Error, Message = "Schema of {Database}: the long phases failed: {Message}")]
    private static partial void LogBackgroundFailed(ILogger logger, string database, string message);
}
