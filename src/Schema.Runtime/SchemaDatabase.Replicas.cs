using System.Data;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

public sealed partial class SchemaDatabase
{
    /// <summary>
    /// Begins a session on the kind of server <paramref name="target"/> asks for: reads from a standby, when the connection
    /// string lists the primary and its standbys (<c>postgresql://…@primary:5432,standby:5432/app</c>). A session on a
    /// standby is read-only.
    /// </summary>
    /// <param name="target">The primary, or a standby (<see cref="SchemaSessionTarget.PreferStandby"/> falls back to the primary).</param>
    /// <param name="isolationLevel">The transaction's isolation level; a standby cannot run serializable transactions.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The session; dispose it.</returns>
    /// <exception cref="SchemaConnectionException">No server of that kind could be reached; the message says what to check.</exception>
    /// <example>
    /// <code>
    /// await using var session = await db.BeginAsync(SchemaSessionTarget.PreferStandby);
    /// var open = await session.TaskItems().ListByUserIdAsync(userId);
    /// </code>
    /// </example>
    public ValueTask<SchemaSession> BeginAsync(SchemaSessionTarget target, IsolationLevel isolationLevel = IsolationLevel.ReadCommitted, CancellationToken cancellationToken = default) =>
        SchemaSession.BeginAsync(this, target, isolationLevel, cancellationToken);

    /// <summary>
    /// Where a server of the kind <paramref name="target"/> asks for stands in replication: on the primary, how far it has
    /// written (read it after a commit to know what a standby must have replayed before it shows that commit); on a
    /// standby, how far it has replayed and its lag.
    /// </summary>
    /// <param name="target">The server to ask; the primary by default.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The server's replication state.</returns>
    /// <exception cref="SchemaConnectionException">No server of that kind could be reached.</exception>
    public async ValueTask<SchemaReplicationState> GetReplicationStateAsync(SchemaSessionTarget target = SchemaSessionTarget.Primary, CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(target, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await SchemaReplicationState.ReadAsync(connection, transaction: null, cancellationToken).ConfigureAwait(false);
        }
    }
}
