namespace Schemata;

/// <summary>Why a connection to PostgreSQL could not be opened.</summary>
public enum SchemaConnectionFailure
{
    /// <summary>A failure that fits none of the other kinds; the message carries the server's or driver's words.</summary>
    Other,

    /// <summary>Nothing accepted the connection: the server is down, the port is wrong or the host is unknown.</summary>
    Unreachable,

    /// <summary>The server did not answer within the connect timeout.</summary>
    Timeout,

    /// <summary>The server refused the user name or password, or has no <c>pg_hba.conf</c> entry for the client.</summary>
    AuthenticationFailed,

    /// <summary>The server is up but the database does not exist.</summary>
    DatabaseMissing,

    /// <summary>The server is starting up, shutting down or has no free connection slots.</summary>
    ServerUnavailable,

    /// <summary>Every pooled connection was in use and none came free within the connect timeout.</summary>
    PoolExhausted,

    /// <summary>An open connection broke while it was in use: the server restarted, shut down or became unreachable.</summary>
    ConnectionLost,

    /// <summary>
    /// The one server named is not of the kind needed: a standby where writes or schema changes need the primary, or a
    /// primary where a session asked for a standby only (<see cref="SchemaSessionTarget"/>).
    /// </summary>
    WrongServerRole,
}
