using System.Globalization;

namespace Schemata;

/// <summary>
/// The history table: one row per apply that changed something, with the model hash, the exact SQL it ran, who ran
/// it, when and for how long, and the manifest of objects the model owned (so a later model can tell which tables
/// and enum types it dropped, rather than guessing from what else lives in the database).
/// </summary>
internal static class History
{
    public const string Table = "schema_history";

    /// <summary>Serializes every apply on the database; a transaction-level lock, so it works behind transaction poolers.</summary>
    public const long LockKey = 0x5343_4845_4D41_0001;

    public static readonly string Lock = "SELECT pg_advisory_xact_lock(" + LockKey.ToString(CultureInfo.InvariantCulture) + ")";

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_hash text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user,
            duration_ms integer NOT NULL,
            statements text NOT NULL,
            manifest text[] NOT NULL DEFAULT ARRAY[]::text[]
        )
        """;

    public const string LastHash = $"SELECT model_hash FROM {Table} ORDER BY id DESC LIMIT 1";

    public const string Last = $"SELECT model_hash, manifest FROM {Table} ORDER BY id DESC LIMIT 1";

    public const string LastEntry = $"SELECT model_hash, applied_at, applied_by, duration_ms, statements, manifest FROM {Table} ORDER BY id DESC LIMIT 1";

    public const string Exists = $"SELECT to_regclass('{Table}') IS NOT NULL";

    public const string Insert = $"INSERT INTO {Table} (model_hash, duration_ms, statements, manifest) VALUES ($1, $2, $3, $4)";

    public const string Drop = $"DROP TABLE IF EXISTS {Table};";

    public static string SetLockTimeout(System.TimeSpan timeout)
        => "SET LOCAL lock_timeout = '" + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms'";
}
