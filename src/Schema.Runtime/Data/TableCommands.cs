using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Data;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// The statement shapes every generated <c>{Entity}Table</c> shares: the generated code supplies the SQL constant,
/// the typed parameters and its positional row reader, and these run them on the session's connection and
/// transaction. Keeping the shapes here rather than in every entity's file keeps the generated source small. For
/// generated code; call the table methods instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TableCommands
{
    /// <summary>The one row a key or unique index finds, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">A query returning at most one row.</param>
    /// <param name="parameter">Its one parameter.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static ValueTask<T?> FindAsync<T>(SchemaSession session, string sql, NpgsqlParameter parameter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
        => Find(session, sql, parameter, null, read, cancellationToken);

    /// <summary>The one row a key or unique index of several columns finds, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">A query returning at most one row.</param>
    /// <param name="parameters">Its parameters, in order.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static ValueTask<T?> FindAsync<T>(SchemaSession session, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
        => Find(session, sql, null, parameters, read, cancellationToken);

    /// <summary>Every row a query returns, read into a list.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">The query.</param>
    /// <param name="parameter">Its one parameter.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows.</returns>
    public static ValueTask<List<T>> ListAsync<T>(SchemaSession session, string sql, NpgsqlParameter parameter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        => List(session, sql, parameter, null, null, read, cancellationToken);

    /// <summary>Every row a query with several parameters returns, read into a list.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Its parameters, in order.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows.</returns>
    public static ValueTask<List<T>> ListAsync<T>(SchemaSession session, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        => List(session, sql, null, null, parameters, read, cancellationToken);

    /// <summary>A page of rows ordered by a chosen column and then by the key.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="select">The query without ordering: <c>SELECT … FROM …</c> and any filter.</param>
    /// <param name="orderColumns">The quoted column of each value of the entity's column enum, in enum order.</param>
    /// <param name="orderBy">The column enum value.</param>
    /// <param name="descending">Order from the highest value down.</param>
    /// <param name="keyOrder">The quoted key columns that break ties.</param>
    /// <param name="limit">The most rows to return.</param>
    /// <param name="offset">How many rows to skip.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="offset"/> is negative, or <paramref name="orderBy"/> is no column.</exception>
    public static ValueTask<List<T>> PageAsync<T>(
        SchemaSession session, string select, string[] orderColumns, int orderBy, bool descending, string keyOrder, int limit, int offset, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        // Refused through the returned task, as an async method would: nothing is sent.
        if (limit < 0)
        {
            return ValueTask.FromException<List<T>>(new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative."));
        }

        if (offset < 0)
        {
            return ValueTask.FromException<List<T>>(new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative."));
        }

        if ((uint)orderBy >= (uint)orderColumns.Length)
        {
            return ValueTask.FromException<List<T>>(new ArgumentOutOfRangeException(nameof(orderBy), orderBy, "No column has this value."));
        }

        var sql = string.Concat([select, " ORDER BY ", orderColumns[orderBy], descending ? " DESC, " : ", ", keyOrder, " LIMIT $1 OFFSET $2"]);
        return List(session, sql, new NpgsqlParameter<long> { TypedValue = limit }, new NpgsqlParameter<long> { TypedValue = offset }, null, read, cancellationToken);
    }

    /// <summary>Every row a query returns, yielded as it arrives: the result is never buffered.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">The query, without parameters.</param>
    /// <param name="read">Reads a row whose columns are the entity's select list, in order.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The rows.</returns>
    public static async IAsyncEnumerable<T> StreamAsync<T>(SchemaSession session, string sql, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = session.CreateCommand(sql);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        try
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                RowStream.ThrowIfCancelled(command, cancellationToken);
                yield return read(reader);
            }
        }
        finally
        {
            await RowStream.CloseAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first column of the one row a query returns (<c>EXISTS</c>, a count), read typed.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">A query that always returns one row.</param>
    /// <param name="parameter">Its one parameter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The value.</returns>
    public static ValueTask<TValue> ScalarAsync<TValue>(SchemaSession session, string sql, NpgsqlParameter parameter, CancellationToken cancellationToken)
        => Scalar<TValue>(session, sql, parameter, null, cancellationToken);

    /// <summary>The first column of the one row a query without parameters returns (<c>count(*)</c>), read typed.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">A query that always returns one row.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The value.</returns>
    public static ValueTask<TValue> ScalarAsync<TValue>(SchemaSession session, string sql, CancellationToken cancellationToken)
        => Scalar<TValue>(session, sql, null, null, cancellationToken);

    /// <summary>The first column of the one row a query with several parameters returns, read typed.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="sql">A query that always returns one row.</param>
    /// <param name="parameters">Its parameters, in order.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The value.</returns>
    public static ValueTask<TValue> ScalarAsync<TValue>(SchemaSession session, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
        => Scalar<TValue>(session, sql, null, parameters, cancellationToken);

    /// <summary>Runs a statement and says whether it changed a row.</summary>
    /// <param name="session">The session.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameter">Its one parameter.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns><see langword="true"/> when at least one row was affected.</returns>
    public static ValueTask<bool> ExecuteAsync(SchemaSession session, string sql, NpgsqlParameter parameter, CancellationToken cancellationToken)
        => Execute(session, sql, parameter, null, cancellationToken);

    /// <summary>Runs a statement with several parameters and says whether it changed a row.</summary>
    /// <param name="session">The session.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its parameters, in order.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns><see langword="true"/> when at least one row was affected.</returns>
    public static ValueTask<bool> ExecuteAsync(SchemaSession session, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
        => Execute(session, sql, null, parameters, cancellationToken);

    /// <summary>
    /// Finds each of <paramref name="columns"/> in a result by name, for a generated reader's
    /// <see cref="IRowReader{T}.ResolveOrdinals"/>.
    /// </summary>
    /// <param name="reader">A reader positioned before its first row.</param>
    /// <param name="entity">The entity name, for the error.</param>
    /// <param name="columns">The entity's columns, in select-list order.</param>
    /// <param name="optional">For each column, whether the result may leave it out (a nullable property).</param>
    /// <returns>The ordinal of each column, -1 for an optional one the result does not have.</returns>
    /// <exception cref="SchemaDataException">
    /// A column that is not optional is missing, or the result has a column the entity reads more than once (a join's
    /// <c>a.*, b.*</c>): which of them is meant cannot be told, and taking the first would read another table's value.
    /// </exception>
    public static int[] ResolveOrdinals(NpgsqlDataReader reader, string entity, string[] columns, bool[] optional)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinals = new int[columns.Length];
        for (var i = 0; i < ordinals.Length; i++)
        {
            ordinals[i] = -1;
            var found = 0;
            for (var field = 0; field < reader.FieldCount; field++)
            {
                if (string.Equals(reader.GetName(field), columns[i], StringComparison.Ordinal))
                {
                    ordinals[i] = field;
                    found++;
                }
            }

            if (found > 1)
            {
                throw SchemaDataException.AmbiguousColumn(entity, columns[i], found);
            }

            if (ordinals[i] < 0 && !optional[i])
            {
                throw SchemaDataException.MissingColumn(entity, columns[i]);
            }
        }

        return ordinals;
    }

    /// <summary>
    /// The error for an upsert whose conflict is a soft-deleted row: updating it would leave the change hidden, and no
    /// row can be inserted beside it, so nothing was written. A conflict (409), like a unique violation.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="constraint">The key or unique index the upsert's conflict is on.</param>
    /// <param name="columns">Its columns.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaConstraintException SoftDeletedConflict(string table, string constraint, string[] columns)
    {
        var what = columns.Length == 1 ? columns[0] : "(" + string.Join(", ", columns) + ")";
        return new SchemaConstraintException(
            $"A soft-deleted {table} row has the same {what} (unique {constraint}), and an upsert does not write into a deleted row, where the change would stay hidden; nothing was written. " +
            "Restore the row (RestoreAsync) and save again, or use another value.",
            SchemaConstraintKind.Unique,
            constraint,
            table,
            columns,
            referencedTable: null,
            innerException: null);
    }

    /// <summary>
    /// The error for a restore refused because the row's parent, whose soft delete it follows
    /// (<c>CascadeSoftDelete</c>), is still soft-deleted: restored, the row would be visible under a hidden parent.
    /// </summary>
    /// <param name="table">The table of the row.</param>
    /// <param name="parentTable">The parent's table.</param>
    /// <param name="constraint">The foreign key.</param>
    /// <param name="column">Its column.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaConstraintException ParentStillDeleted(string table, string parentTable, string constraint, string column)
        => new(
            $"The {table} row cannot be restored while the {parentTable} row it belongs to ({table}.{column}, foreign key {constraint}) is soft-deleted: " +
            $"it would be visible under a hidden parent. Nothing was restored. Restore the {parentTable} row, which brings back the rows its soft delete cascaded to, " +
            "then this one if it was deleted on its own.",
            SchemaConstraintKind.ForeignKey,
            constraint,
            table,
            [column],
            parentTable,
            innerException: null);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T?> Find<T>(SchemaSession session, string sql, NpgsqlParameter? parameter, NpgsqlParameter[]? parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var command = Command(session, sql, parameter, null, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<List<T>> List<T>(
        SchemaSession session, string sql, NpgsqlParameter? first, NpgsqlParameter? second, NpgsqlParameter[]? parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var command = Command(session, sql, first, second, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TValue> Scalar<TValue>(SchemaSession session, string sql, NpgsqlParameter? parameter, NpgsqlParameter[]? parameters, CancellationToken cancellationToken)
    {
        var command = Command(session, sql, parameter, null, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetFieldValue<TValue>(0);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> Execute(SchemaSession session, string sql, NpgsqlParameter? parameter, NpgsqlParameter[]? parameters, CancellationToken cancellationToken)
    {
        var command = Command(session, sql, parameter, null, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The command with its parameters in order: up to two singly (no array for the usual one-column key), then an array's.</summary>
    private static NpgsqlCommand Command(SchemaSession session, string sql, NpgsqlParameter? first, NpgsqlParameter? second, NpgsqlParameter[]? parameters)
    {
        var command = session.CreateCommand(sql);
        if (first is not null)
        {
            command.Parameters.Add(first);
        }

        if (second is not null)
        {
            command.Parameters.Add(second);
        }

        if (parameters is not null)
        {
            foreach (var each in parameters)
            {
                command.Parameters.Add(each);
            }
        }

        return command;
    }
}
