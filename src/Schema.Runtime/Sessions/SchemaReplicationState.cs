using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Schemata;

/// <summary>
/// Where one server stands in streaming replication: a primary and how far it has written, or a standby, how far it
/// has replayed and how long ago the last transaction it replayed committed. What an application needs to read its
/// own writes from a standby, or to decide that a standby is too far behind.
/// </summary>
/// <example>
/// <code>
/// await db.RunAsync(async (s, ct) => await s.Users().InsertAsync(user, ct));
/// var written = (await db.GetReplicationStateAsync()).Position;          // after the commit, on the primary
/// await using var read = await db.BeginAsync(SchemaSessionTarget.PreferStandby);
/// if ((await read.GetReplicationStateAsync()).HasReplayed(written)) { /* the standby has the new user */ }
/// </code>
/// </example>
public sealed class SchemaReplicationState
{
    private const string Query =
        "SELECT pg_is_in_recovery(), " +
        "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END, " +
        "current_setting('wal_block_size')::int, " +
        "CASE WHEN pg_is_in_recovery() THEN pg_last_xact_replay_timestamp() END, " +
        "clock_timestamp()";

    private SchemaReplicationState(bool isStandby, NpgsqlLogSequenceNumber position, DateTimeOffset? lastReplayedCommitAt, TimeSpan? lag)
    {
        IsStandby = isStandby;
        Position = position;
        LastReplayedCommitAt = lastReplayedCommitAt;
        Lag = lag;
    }

    /// <summary>Whether the server is a standby (in recovery, read-only) rather than a primary.</summary>
    public bool IsStandby { get; }

    /// <summary>
    /// On a primary, the end of the WAL written so far (every transaction committed before the call lies before it); on a
    /// standby, the end of the WAL replayed so far (<c>pg_last_wal_replay_lsn()</c>).
    /// </summary>
    public NpgsqlLogSequenceNumber Position { get; }

    /// <summary>
    /// On a standby, when the last transaction it replayed committed on the primary (<c>pg_last_xact_replay_timestamp()</c>);
    /// <see langword="null"/> on a primary, or on a standby that has replayed no transaction since it started.
    /// </summary>
    public DateTimeOffset? LastReplayedCommitAt { get; }

    /// <summary>
    /// On a standby, how long ago (by the standby's clock) the last transaction it replayed committed: the replication
    /// lag while the primary is busy. It keeps growing while the primary commits nothing, although then nothing is
    /// missing; compare <see cref="Position"/>s to know for sure. Zero on a primary; <see langword="null"/> when unknown.
    /// </summary>
    public TimeSpan? Lag { get; }

    /// <summary>
    /// Whether this server has everything up to <paramref name="position"/>, a primary's <see cref="Position"/> read after
    /// a commit: always on a primary, on a standby once it has replayed that far.
    /// </summary>
    /// <param name="position">The primary's position after the writes to look for.</param>
    /// <returns><see langword="true"/> when a read here sees those writes.</returns>
    public bool HasReplayed(NpgsqlLogSequenceNumber position) => !IsStandby || Position >= position;

    /// <inheritdoc/>
    public override string ToString() => IsStandby
        ? $"standby, replayed to {Position}, lag {(Lag is { } lag ? $"{lag.TotalMilliseconds:0} ms" : "unknown")}"
        : $"primary, written to {Position}";

    internal static async ValueTask<SchemaReplicationState> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(Query, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var isStandby = reader.GetBoolean(0);
                var position = reader.IsDBNull(1) ? default : reader.GetFieldValue<NpgsqlLogSequenceNumber>(1);
                var replayedAt = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
                var now = reader.GetFieldValue<DateTimeOffset>(4);
                if (!isStandby)
                {
                    return new SchemaReplicationState(false, RecordEnd(position, reader.GetInt32(2)), null, TimeSpan.Zero);
                }

                return new SchemaReplicationState(true, position, replayedAt, replayedAt is { } at ? (now - at).Duration() : null);
            }
        }
    }

    /// <summary>
    /// The insert position is where the next record will go: when the last record filled its page to the end, that is
    /// past the next page's header (24 bytes, 40 at the start of a segment), where no standby's replay position ever
    /// stops. The page's start is then the last record's end.
    /// </summary>
    private static NpgsqlLogSequenceNumber RecordEnd(NpgsqlLogSequenceNumber insert, int blockSize)
    {
        var value = (ulong)insert;
        var inPage = value % (ulong)blockSize;
        return inPage is 24 or 40 ? new NpgsqlLogSequenceNumber(value - inPage) : insert;
    }
}
