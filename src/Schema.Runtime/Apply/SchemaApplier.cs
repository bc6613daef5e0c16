using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Applies a <see cref="SchemaModel"/>: take the advisory lock and compare hashes (the fast path, one round trip),
/// otherwise read the catalog, plan the difference, refuse destructive changes unless allowed, run new enum values
/// in a transaction of their own, then everything else in one transaction, and record it.
/// </summary>
internal static class SchemaApplier
{
    private const string LockNotAvailable = "55P03";
    private const string UndefinedTable = "42P01";

    public static async ValueTask<ApplyResult> ApplyAsync(SchemaModel model, SchemaDatabase database, ApplyOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        if (!options.RepairDrift && await ReadHashFastAsync(connection, options, cancellationToken).ConfigureAwait(false) == model.Hash)
        {
            return new ApplyResult(model.Hash, upToDate: true, [], [], clock.Elapsed);
        }

        var executed = new List<string>();
        var applied = new List<SchemaChange>();
        while (true)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            var (lastHash, recorded) = await LockAndReadLastAsync(connection, transaction, options, cancellationToken).ConfigureAwait(false);
            if (lastHash == model.Hash && !options.RepairDrift && executed.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ApplyResult(model.Hash, upToDate: true, [], [], clock.Elapsed);
            }

            var (catalog, changes) = await PlanAsync(model, connection, transaction, recorded, cancellationToken).ConfigureAwait(false);
            Guard(changes, options);

            var first = changes.Where(c => c.RunsFirst).ToList();
            var batch = first.Count > 0 ? first : changes;
            var statements = batch
                .Where(c => !(options.CreateIndexesConcurrently && c.Concurrently is not null))
                .SelectMany(c => c.Statements)
                .ToList();
            await ExecuteAsync(connection, transaction, statements, options, cancellationToken).ConfigureAwait(false);
            executed.AddRange(statements);
            applied.AddRange(batch);
            if (first.Count > 0)
            {
                // New enum values must be committed before any statement may use them; then plan the rest afresh.
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var manifest = Manifest.Of(model, catalog.SchemaOf);
            var deferred = options.CreateIndexesConcurrently ? applied.Where(c => c.Concurrently is not null).ToList() : [];
            if (deferred.Count > 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                await BuildConcurrentlyAsync(connection, deferred, executed, cancellationToken).ConfigureAwait(false);
                await RecordAloneAsync(connection, model.Hash, executed, manifest, options, clock, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RecordAsync(connection, transaction, model.Hash, executed, manifest, clock, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (executed.Any(s => s.Contains(" TYPE ", StringComparison.Ordinal)))
            {
                // The data source loaded the database's types before they changed; generated code reads, writes and
                // copies enums by type name, so it must see the new ones.
                await database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }

            return new ApplyResult(model.Hash, upToDate: false, executed, applied, clock.Elapsed);
        }
    }

    /// <summary>Builds indexes on existing tables outside any transaction; a failed build leaves no invalid index behind.</summary>
    private static async ValueTask BuildConcurrentlyAsync(
        NpgsqlConnection connection, List<SchemaChange> indexes, List<string> executed, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand { Connection = connection };
        await using var commandScope = command.ConfigureAwait(false);
        foreach (var index in indexes)
        {
            var (create, dropInvalid) = index.Concurrently!.Value;
            command.CommandText = create;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                executed.Add(create);
            }
            catch (PostgresException exception)
            {
                command.CommandText = dropInvalid;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                throw new SchemaApplyException(
                    $"Building an index concurrently failed: PostgreSQL said: {exception.MessageText} ({exception.SqlState}). Every other change of this apply is committed; " +
                    $"the index is not, and the next apply builds it again (the history is not updated until it succeeds). The statement was:\n{create}",
                    create,
                    exception);
            }
        }
    }

    /// <summary>Records the apply in a transaction of its own, under the lock, after indexes were built concurrently.</summary>
    private static async ValueTask RecordAloneAsync(
        NpgsqlConnection connection, string hash, List<string> executed, Manifest manifest, ApplyOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await LockAndReadLastAsync(connection, transaction, options, cancellationToken).ConfigureAwait(false);
        await RecordAsync(connection, transaction, hash, executed, manifest, clock, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<SchemaPlan> PlanAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
        => (await StatusAsync(model, database, cancellationToken).ConfigureAwait(false)).Plan;

    public static async ValueTask<SchemaStatus> StatusAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var last = await ReadLastEntryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var recorded = last is null ? null : Manifest.Parse(last.Manifest);
        var (_, changes) = await PlanAsync(model, connection, transaction, recorded, cancellationToken).ConfigureAwait(false);
        return new SchemaStatus(last, new SchemaPlan(model.Hash, last?.ModelHash, changes));
    }

    public static async ValueTask<IReadOnlyList<string>> DropAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var (_, recorded) = await LockAndReadLastAsync(connection, transaction, ApplyOptions.Default, cancellationToken).ConfigureAwait(false);
        var catalog = await Catalog.ReadAsync(connection, transaction, model.Grants, cancellationToken).ConfigureAwait(false);
        var statements = SchemaDropper.Plan(model, catalog, recorded);
        await ExecuteAsync(connection, transaction, statements, ApplyOptions.Default, cancellationToken).ConfigureAwait(false);
        var schemas = await SchemaDropper.EmptySchemasAsync(connection, transaction, model.Schemas, cancellationToken).ConfigureAwait(false);
        var dropSchemas = schemas.Select(s => "DROP SCHEMA " + Sql.Quote(s) + ";").Append(History.Drop).ToList();
        await ExecuteAsync(connection, transaction, dropSchemas, ApplyOptions.Default, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. statements, .. dropSchemas];
    }

    internal static bool IsProduction(Func<string, string?> environment)
        => string.Equals(environment("DOTNET_ENVIRONMENT"), "Production", StringComparison.OrdinalIgnoreCase)
        || string.Equals(environment("ASPNETCORE_ENVIRONMENT"), "Production", StringComparison.OrdinalIgnoreCase);

    private static void Guard(List<SchemaChange> changes, ApplyOptions options)
    {
        var destructive = changes.Where(c => c.IsDestructive).ToList();
        if (destructive.Count == 0)
        {
            return;
        }

        var production = IsProduction(options.Environment);
        var confirmed = string.Equals(options.Environment(ApplyOptions.ConfirmProductionVariable), "true", StringComparison.OrdinalIgnoreCase);
        if (!options.AllowDestructive || (production && !confirmed))
        {
            throw new SchemaDestructiveChangeException(destructive, production);
        }
    }

    private static async ValueTask<(Catalog Catalog, List<SchemaChange> Changes)> PlanAsync(
        SchemaModel model, NpgsqlConnection connection, NpgsqlTransaction transaction, Manifest? recorded, CancellationToken cancellationToken)
    {
        var catalog = await Catalog.ReadAsync(connection, transaction, model.Grants, cancellationToken).ConfigureAwait(false);
        var planner = ApplyPlanner.Create(model, catalog, recorded, null);
        if (planner.NullChecks.Count > 0)
        {
            var withNulls = await FindNullsAsync(connection, transaction, planner.NullChecks, cancellationToken).ConfigureAwait(false);
            planner = ApplyPlanner.Create(model, catalog, recorded, withNulls);
        }

        return (catalog, planner.Changes());
    }

    private static async ValueTask<HashSet<(string Table, string Column)>> FindNullsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string Table, string Column)> checks, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using var batchScope = batch.ConfigureAwait(false);
        foreach (var (table, column) in checks)
        {
            batch.BatchCommands.Add(new($"SELECT EXISTS (SELECT 1 FROM {table} WHERE {Sql.Quote(column)} IS NULL)"));
        }

        var found = new HashSet<(string Table, string Column)>();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var i = 0;
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetBoolean(0))
                {
                    found.Add(checks[i]);
                }
            }

            i++;
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return found;
    }

    /// <summary>
    /// The fast path: lock and read the last hash, in one round trip and one implicit transaction (the batch), so the
    /// transaction-level lock is held for exactly that long. No history table means a first apply: the slow path
    /// creates it inside its transaction, so a failed first apply leaves nothing behind.
    /// </summary>
    private static async ValueTask<string?> ReadHashFastAsync(NpgsqlConnection connection, ApplyOptions options, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new(History.SetLockTimeout(options.LockTimeout)), new(History.Lock), new(History.LastHash) },
        };
        await using var batchScope = batch.ConfigureAwait(false);
        try
        {
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            string? hash = null;
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.FieldCount == 1 && reader.GetFieldType(0) == typeof(string))
                    {
                        hash = reader.GetString(0);
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

            return hash;
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState == LockNotAvailable)
        {
            throw LockTimeout(options, History.Lock, exception);
        }
    }

    /// <summary>Takes the apply lock in the caller's transaction, makes sure the history table exists and reads the last entry.</summary>
    private static async ValueTask<(string? Hash, Manifest? Manifest)> LockAndReadLastAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ApplyOptions options, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new(History.SetLockTimeout(options.LockTimeout)), new(History.Lock), new(History.Create), new(History.Last) },
        };
        await using var batchScope = batch.ConfigureAwait(false);
        try
        {
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            string? hash = null;
            Manifest? manifest = null;
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.FieldCount == 2)
                    {
                        hash = reader.GetString(0);
                        manifest = Manifest.Parse(reader.GetFieldValue<string[]>(1));
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

            return (hash, manifest);
        }
        catch (PostgresException exception) when (exception.SqlState == LockNotAvailable)
        {
            throw LockTimeout(options, History.Lock, exception);
        }
    }

    /// <summary>Reads the last history entry without creating the history table: plan and status change nothing.</summary>
    private static async ValueTask<SchemaHistoryEntry?> ReadLastEntryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var exists = new NpgsqlCommand(History.Exists, connection, transaction);
        await using (exists.ConfigureAwait(false))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return null;
            }
        }

        var command = new NpgsqlCommand(History.LastEntry, connection, transaction);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SchemaHistoryEntry(
            reader.GetString(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetString(2),
            TimeSpan.FromMilliseconds(reader.GetInt32(3)),
            reader.GetString(4),
            reader.GetFieldValue<string[]>(5));
    }

    private static async ValueTask RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string hash, List<string> statements, Manifest manifest, Stopwatch clock, CancellationToken cancellationToken)
    {
        var record = new NpgsqlCommand(History.Insert, connection, transaction);
        await using var recordScope = record.ConfigureAwait(false);
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)clock.ElapsedMilliseconds });
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Join("\n\n", statements) });
        record.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = manifest.ToArray() });
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the statements one at a time, so that a failure names the statement PostgreSQL refused; the caller's
    /// transaction makes the whole apply all or nothing.
    /// </summary>
    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<string> statements, ApplyOptions options, CancellationToken cancellationToken)
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
            catch (PostgresException exception) when (exception.SqlState == LockNotAvailable)
            {
                throw LockTimeout(options, statement, exception);
            }
            catch (PostgresException exception)
            {
                throw new SchemaApplyException(
                    $"Applying the schema failed and nothing was changed. PostgreSQL said: {exception.MessageText} ({exception.SqlState}). The statement was:\n{statement}",
                    statement,
                    exception);
            }
        }
    }

    private static SchemaApplyException LockTimeout(ApplyOptions options, string statement, PostgresException exception)
        => new(
            $"Gave up after waiting {options.LockTimeout.TotalSeconds:0.#} s for a lock, and nothing was changed: another apply, or a long-running " +
            $"transaction on the same tables, holds it. Retry when it is done, or raise ApplyOptions.LockTimeout. The statement was:\n{statement}",
            statement,
            exception);
}
