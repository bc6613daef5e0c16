using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Whether an opened connection reached the kind of server a <see cref="SchemaSessionTarget"/> asks for, and the
/// errors when it did not. PostgreSQL 14 and later report <c>in_hot_standby</c> at login, so the usual answer costs
/// nothing; only a connection that looks wrong is asked (<c>pg_is_in_recovery()</c>), because a reported value can be
/// stale: PgBouncer replays the parameters of its first server login to every client, and an idle pooled connection
/// has not yet heard of a promotion.
/// </summary>
internal static class ServerRoles
{
    private const string InHotStandby = "in_hot_standby";

    /// <summary>What the server reported at login: a standby, a primary, or <see langword="null"/> when it said nothing (before 14).</summary>
    internal static bool? ReportsStandby(NpgsqlConnection connection) =>
        connection.PostgresParameters.TryGetValue(InHotStandby, out var value) ? value == "on" : null;

    /// <summary>Whether the connection may be handed out for <paramref name="target"/> without asking the server.</summary>
    internal static bool SeemsRight(NpgsqlConnection connection, SchemaSessionTarget target) => target switch
    {
        SchemaSessionTarget.Primary => ReportsStandby(connection) != true,
        SchemaSessionTarget.Standby => ReportsStandby(connection) != false,
        _ => true,
    };

    /// <summary>Asks the server itself whether it is a standby (in recovery).</summary>
    internal static async ValueTask<bool> IsStandbyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
    }

    /// <summary>The synchronous form of <see cref="IsStandbyAsync"/>, for dependency-injection factories.</summary>
    internal static bool IsStandby(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        return command.ExecuteScalar() is true;
    }

    /// <summary>The one server named is a standby where the primary is needed, or a primary where a standby was asked for.</summary>
    internal static SchemaConnectionException WrongRole(SchemaSessionTarget target, ConnectionTarget where)
    {
        var message = target == SchemaSessionTarget.Primary
            ? $"PostgreSQL at {where.Endpoint} (database '{where.Database}') is a standby: it replays the primary's changes and takes no writes, " +
              $"so sessions that write, units of work and schema changes cannot run there. Point {where.SourceName} at the primary, or list the " +
              "primary and its standbys as hosts (postgresql://user:password@primary:5432,standby:5432/database) so the primary is found among them; " +
              "a session that only reads can ask for a standby with BeginAsync(SchemaSessionTarget.PreferStandby)."
            : $"PostgreSQL at {where.Endpoint} (database '{where.Database}') is a primary, and the session asked for a standby only " +
              "(SchemaSessionTarget.Standby). Use SchemaSessionTarget.PreferStandby to fall back to the primary, or list the standbys as hosts " +
              $"in {where.SourceName}.";
        return new SchemaConnectionException(message, SchemaConnectionFailure.WrongServerRole, where.Host, where.Port, where.Database, innerException: null);
    }

    /// <summary>Among several hosts, none is of the kind asked for right now: standbys or unreachable, as during a failover.</summary>
    internal static SchemaConnectionException NoneFits(SchemaSessionTarget target, ConnectionTarget where, Exception? innerException)
    {
        var message = target == SchemaSessionTarget.Standby
            ? $"None of the servers at {where.Endpoint} (database '{where.Database}') is a standby right now. Retry shortly, or use " +
              "SchemaSessionTarget.PreferStandby to fall back to the primary."
            : $"None of the servers at {where.Endpoint} (database '{where.Database}') is a primary right now: each is a standby or unreachable, " +
              "as while a standby is being promoted after a failover. Retry shortly (units of work do); if it lasts, promote a standby or check " +
              $"the hosts in {where.SourceName}.";
        return new SchemaConnectionException(message, SchemaConnectionFailure.ServerUnavailable, where.Host, where.Port, where.Database, innerException);
    }

    /// <summary>Npgsql's words when every host was reachable (or known down) and none had the role asked for.</summary>
    internal static bool IsNoSuitableHost(Exception exception) =>
        exception is NpgsqlException { InnerException: null } && exception.Message.StartsWith("No suitable host", StringComparison.Ordinal);
}
