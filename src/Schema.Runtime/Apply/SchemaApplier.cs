using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Applies a <see cref="SchemaModel"/>: lock, compare hashes (fast path), read the catalog, run what is missing and
/// record it, all in one transaction.
/// </summary>
internal static class SchemaApplier
{
    public static async ValueTask<ApplyResult> ApplyAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var lastHash = await LockAndReadHashAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (lastHash == model.Hash)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ApplyResult(model.Hash, upToDate: true, [], clock.Elapsed);
        }

        var catalog = await Catalog.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var statements = ApplyPlanner.Plan(model, catalog);
        await ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);

        var record = new NpgsqlCommand(History.Insert, connection, transaction);
        await using (record.ConfigureAwait(false))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Hash });
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)clock.ElapsedMilliseconds });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Join("\n\n", statements) });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ApplyResult(model.Hash, upToDate: false, statements, clock.Elapsed);
    }

    public static async ValueTask<IReadOnlyList<string>> PlanAsync(SchemaModel model, SchemaDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var catalog = await Catalog.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return ApplyPlanner.Plan(model, catalog);
    }

    /// <summary>Takes the apply lock, makes sure the history table exists and reads the last hash: one round trip.</summary>
    private static async ValueTask<string?> LockAndReadHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new(History.Lock), new(History.Create), new(History.LastHash) },
        };
        await using var batchScope = batch.ConfigureAwait(false);
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

    /// <summary>
    /// Runs the statements one at a time, so that a failure names the statement PostgreSQL refused; the caller's
    /// transaction makes the whole apply all or nothing.
    /// </summary>
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
                throw new SchemaApplyException(
                    $"Applying the schema failed and nothing was changed. PostgreSQL said: {exception.MessageText} ({exception.SqlState}). The statement was:\n{statement}",
                    statement,
                    exception);
            }
        }
    }
}
