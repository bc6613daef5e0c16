using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

public sealed partial class SchemaSession
{
    /// <summary>
    /// Where this session's server stands in replication (a primary and how far it has written, or a standby, how far it
    /// has replayed and its lag), read in the session's transaction.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The server's replication state.</returns>
    /// <exception cref="ObjectDisposedException">The session has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The session has already been committed or rolled back.</exception>
    public ValueTask<SchemaReplicationState> GetReplicationStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        return SchemaReplicationState.ReadAsync(_connection, _transaction, cancellationToken);
    }

    /// <summary>
    /// Begins a session on the kind of server <paramref name="target"/> asks for. A session that asked for a standby is
    /// read-only wherever it lands: a standby refuses writes itself, and on a primary (no standby was up, or the login did
    /// not say) the transaction is set read-only before anything else runs.
    /// </summary>
    internal static ValueTask<SchemaSession> BeginAsync(SchemaDatabase database, SchemaSessionTarget target, IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        target == SchemaSessionTarget.Primary
            ? BeginAsync(database, isolationLevel, cancellationToken)
            : BeginReadOnlyAsync(database, target, isolationLevel, cancellationToken);

    private static async ValueTask<SchemaSession> BeginReadOnlyAsync(SchemaDatabase database, SchemaSessionTarget target, IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(target, cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);
            if (ServerRoles.ReportsStandby(connection) != true)
            {
                var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
                await using (readOnly.ConfigureAwait(false))
                {
                    await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return new SchemaSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
