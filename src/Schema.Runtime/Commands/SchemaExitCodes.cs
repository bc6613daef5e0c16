namespace Schemata;

/// <summary>The exit codes of the <c>schema</c> commands.</summary>
public static class SchemaExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>PostgreSQL refused a statement, or a lock was not granted in time; the step that failed was rolled back.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong (unknown command or option, <c>drop</c> without <c>--confirm</c>).</summary>
    public const int Usage = 2;

    /// <summary>
    /// The apply was refused before anything ran: a change cannot run on the rows the database holds, or it needs
    /// destructive changes or hazards that were not allowed (or, in production, not confirmed). The output says which.
    /// </summary>
    public const int Refused = 3;

    /// <summary>The connection settings are missing or invalid, or the database cannot be reached.</summary>
    public const int ConfigurationOrConnection = 4;
}
