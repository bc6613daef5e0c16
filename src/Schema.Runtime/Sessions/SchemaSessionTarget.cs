namespace Schemata;

/// <summary>
/// Which server a session runs on when the database has standbys: the primary, which takes writes, or a streaming
/// standby, which serves reads. With several hosts in the connection string (<c>postgresql://…@primary:5432,standby:5432/app</c>)
/// Schema finds the right one among them (Npgsql's target session attributes); with one host it checks that the
/// server is of the kind asked for.
/// </summary>
public enum SchemaSessionTarget
{
    /// <summary>
    /// The primary, a server that takes writes: the default of every session, unit of work and apply. A standby is
    /// refused with <see cref="SchemaConnectionFailure.WrongServerRole"/>.
    /// </summary>
    Primary,

    /// <summary>
    /// A standby when one is up, else the primary. The session is read-only wherever it lands: a standby refuses
    /// writes itself, and on the primary the transaction is begun read-only.
    /// </summary>
    PreferStandby,

    /// <summary>A standby only; when none is up the open fails (<see cref="SchemaConnectionFailure.ServerUnavailable"/>, retried by units of work).</summary>
    Standby,
}
