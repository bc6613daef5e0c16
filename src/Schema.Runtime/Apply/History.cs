using System.Globalization;

namespace Schemata;

/// <summary>
/// The history table: one row per phase of an apply that changed something, with the model hash, the exact SQL it
/// ran, who ran it, when and for how long, the phase it reached and the manifest of objects the model owned (so a
/// later model can tell which tables and enum types it dropped, rather than guessing from what else lives in the
/// database). A model is applied once a row with its hash reaches <see cref="Complete"/>.
/// </summary>
internal static class History
{
    public const string Table = "schema_history";

    /// <summary>The apply lock: held while an apply plans and makes its short changes.</summary>
    public const long ApplyLockKey = 0x5343_4845_4D41_0001;

    /// <summary>The long-phase lock: held while an apply builds indexes and validates constraints, outside any transaction of its own.</summary>
    public const long LongPhaseLockKey = 0x5343_4845_4D41_0002;

    /// <summary>Everything is applied.</summary>
    public const string Complete = "complete";

    /// <summary>The short changes are committed; index builds, validations or data steps are still to run.</summary>
    public const string Changed = "changed";

    /// <summary>New enum values are committed, nothing else yet.</summary>
    public const string EnumValues = "enum values";

    /// <summary>A data step finished (after the short changes): its id is in the manifest from then on.</summary>
    public const string DataStep = "data step";

    /// <summary>Whether a row in <paramref name="phase"/> means the short changes are committed and only long phases are left.</summary>
    public static bool ShortPartDone(string phase) => phase is Changed or DataStep;

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_hash text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user,
            duration_ms integer NOT NULL,
            statements text NOT NULL,
            manifest text[] NOT NULL DEFAULT ARRAY[]::text[],
            phase text NOT NULL DEFAULT 'complete'
        )
        """;

    /// <summary>
    /// Adds the <c>phase</c> column to a history table made before there were phases. The column is looked up first:
    /// <c>ADD COLUMN IF NOT EXISTS</c> alone would take the table's ACCESS EXCLUSIVE lock at every apply, inside the
    /// short transaction, and hold up every process reading the history meanwhile.
    /// </summary>
    public const string AddPhase = $"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('{Table}') AND attname = 'phase' AND NOT attisdropped) THEN
                ALTER TABLE {Table} ADD COLUMN phase text NOT NULL DEFAULT 'complete';
            END IF;
        END $$
        """;

    /// <summary>
    /// The fast path's question, in one statement: the last recorded hash and phase, and whether another process holds
    /// the long-phase lock (read from <c>pg_locks</c>, so asking takes no lock).
    /// </summary>
    public static readonly string Last = $"""
        SELECT h.model_hash, h.phase,
               EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND classid = {LongPhaseLockKey >> 32} AND objid = {LongPhaseLockKey & 0xFFFF_FFFF} AND objsubid = 1)
        FROM {Table} h ORDER BY h.id DESC LIMIT 1
        """;

    public const string LastEntry = $"SELECT model_hash, applied_at, applied_by, duration_ms, statements, phase FROM {Table} ORDER BY id DESC LIMIT 1";

    /// <summary>The last entry of a history table made before phases were recorded (plan and status read it as it is).</summary>
    public const string LastEntryWithoutPhase = $"SELECT model_hash, applied_at, applied_by, duration_ms, statements, 'complete' FROM {Table} ORDER BY id DESC LIMIT 1";

    /// <summary>
    /// The last entry's manifest, a line a row in order: read as rows rather than as one array, a status or plan reads
    /// no array at all, and a cold process is spared compiling the driver's array readers.
    /// </summary>
    public const string LastManifest = $"""
        SELECT m.line FROM (SELECT manifest FROM {Table} ORDER BY id DESC LIMIT 1) h, unnest(h.manifest) WITH ORDINALITY AS m(line, position)
        ORDER BY m.position
        """;

    /// <summary>Whether a different model was recorded after this one (parameter: the hash): the database is ahead of it.</summary>
    public const string Overtaken = $"""
        SELECT model_hash FROM {Table}
        WHERE id > (SELECT max(id) FROM {Table} WHERE model_hash = $1) AND model_hash <> $1
        ORDER BY id DESC LIMIT 1
        """;

    /// <summary>Whether the history table exists, and whether it records phases (tables made before they were recorded do not).</summary>
    public const string Shape = $"SELECT to_regclass('{Table}') IS NOT NULL, EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('{Table}') AND attname = 'phase')";

    public const string Insert = $"INSERT INTO {Table} (model_hash, duration_ms, statements, manifest, phase) VALUES ($1, $2, $3, $4::text[], $5)";

    public const string Drop = $"DROP TABLE IF EXISTS {Table};";

    public static string Lock(long key) => "SELECT pg_advisory_xact_lock(" + key.ToString(CultureInfo.InvariantCulture) + ")";

    public static string TryLock(long key) => "SELECT pg_try_advisory_xact_lock(" + key.ToString(CultureInfo.InvariantCulture) + ")";

    public static string SetLockTimeout(System.TimeSpan timeout) => "SET LOCAL lock_timeout = " + Milliseconds(timeout);

    public static string SetStatementTimeout(System.TimeSpan timeout) => "SET LOCAL statement_timeout = " + Milliseconds(timeout);

    /// <summary>A duration as a PostgreSQL setting in milliseconds; zero turns the timeout off.</summary>
    public static string Milliseconds(System.TimeSpan timeout) => "'" + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms'";
}
