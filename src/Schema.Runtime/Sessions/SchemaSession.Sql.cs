using System.Collections.Generic;
using System.Data;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>Raw SQL for what the generated queries don't cover; always parameterized.</summary>
public sealed partial class SchemaSession
{
    /// <summary>Runs a query and reads every row with a generated reader (columns matched by name).</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="reader">A generated reader, e.g. <c>UserReader.Instance</c>.</param>
    /// <param name="sql">An interpolated string: <c>$"SELECT * FROM users WHERE email = {email}"</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<List<T>> QueryAsync<T>(IRowReader<T> reader, SqlInterpolation sql, CancellationToken cancellationToken = default)
    {
        var rows = new List<T>();
        await foreach (var row in StreamAsync(reader, sql, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Runs a query and yields its rows one at a time, without buffering the result.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="reader">A generated reader, e.g. <c>UserReader.Instance</c>.</param>
    /// <param name="sql">An interpolated string; values become parameters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows, as they arrive.</returns>
    public async IAsyncEnumerable<T> StreamAsync<T>(IRowReader<T> reader, SqlInterpolation sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var command = sql.CreateCommand(this);
        await using var commandScope = command.ConfigureAwait(false);
        var result = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ordinals = reader.ResolveOrdinals(result);
            while (await result.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                RowStream.ThrowIfCancelled(command, cancellationToken);
                yield return reader.Read(result, ordinals);
            }
        }
        finally
        {
            await RowStream.CloseAsync(result, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a statement and returns the number of rows it affected.</summary>
    /// <param name="sql">An interpolated string; values become parameters.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>Rows affected.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ExecuteAsync(SqlInterpolation sql, CancellationToken cancellationToken = default)
    {
        var command = sql.CreateCommand(this);
        await using var commandScope = command.ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    /// <typeparam name="T">
    /// The value's type. A nullable one (<c>long?</c>, <c>string</c>) gets <see langword="null"/> when the query returns
    /// no row or NULL; a non-nullable value type (<c>long</c>) needs a value and refuses both, so that "nothing" never
    /// reads as <c>0</c>.
    /// </typeparam>
    /// <param name="sql">An interpolated string; values become parameters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The value; <see langword="null"/> for no row or NULL when <typeparamref name="T"/> can hold it.</returns>
    /// <exception cref="SchemaDataException"><typeparamref name="T"/> is a non-nullable value type and the query returned no row, or NULL.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T?> ScalarAsync<T>(SqlInterpolation sql, CancellationToken cancellationToken = default)
    {
        var command = sql.CreateCommand(this);
        await using var commandScope = command.ConfigureAwait(false);
        // One row is wanted; without SequentialAccess the row is buffered by ReadAsync, so reading it is synchronous.
        var result = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await using var resultScope = result.ConfigureAwait(false);
        if (!await result.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // default(T) is null exactly when T can hold null (a reference type or Nullable<>); the JIT folds the test.
            return default(T) is null ? default : throw SchemaDataException.NoScalarRow(typeof(T).Name);
        }

        if (result.IsDBNull(0))
        {
            return default(T) is null ? default : throw SchemaDataException.NullScalar(typeof(T).Name);
        }

        return result.GetFieldValue<T>(0);
    }
}
