namespace Schemata;

/// <summary>The history table: one row per apply that changed something, with the exact SQL it ran.</summary>
internal static class History
{
    public const string Table = "schema_history";

    /// <summary>Serializes every apply on the database; a transaction-level lock, so it works behind transaction poolers.</summary>
    public const long LockKey = 0x5343_4845_4D41_0001;

    public static readonly string Lock = "SELECT pg_advisory_xact_lock(" + LockKey.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_hash text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user,
            duration_ms integer NOT NULL,
            statements text NOT NULL
        )
        """;

    public const string LastHash = $"SELECT model_hash FROM {Table} ORDER BY id DESC LIMIT 1";

    public const string Insert = $"INSERT INTO {Table} (model_hash, duration_ms, statements) VALUES ($1, $2, $3)";
}
