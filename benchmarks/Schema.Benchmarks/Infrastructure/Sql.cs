namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// The SQL every contender sends. The hand-written baseline sends exactly what the generated code sends, so a
/// difference in time or allocations is the library's, not the query's.
/// </summary>
public static class Sql
{
    public const string Columns = "\"id\", \"name\", \"email\", \"quantity\", \"score\", \"price\", \"is_active\", \"placed_at\", \"reference\", \"note\"";

    public const string GetItem = "SELECT " + Columns + " FROM \"items\" WHERE \"id\" = $1";

    public const string PageItems = "SELECT " + Columns + " FROM \"items\" ORDER BY \"id\", \"id\" LIMIT $1 OFFSET $2";

    public const string AllItems = "SELECT " + Columns + " FROM \"items\"";

    public const string InsertWrite = "INSERT INTO \"item_writes\" (\"name\", \"email\", \"quantity\", \"score\", \"price\", \"is_active\", \"placed_at\", \"reference\", \"note\") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING \"id\"";

    public const string CopyWrites = "COPY \"item_writes\" (\"name\", \"email\", \"quantity\", \"score\", \"price\", \"is_active\", \"placed_at\", \"reference\", \"note\") FROM STDIN (FORMAT BINARY)";

    // Dapper maps by name: the same columns, aliased to the property names (what Dapper users write).
    public const string DapperColumns = "\"id\" AS \"Id\", \"name\" AS \"Name\", \"email\" AS \"Email\", \"quantity\" AS \"Quantity\", \"score\" AS \"Score\", \"price\" AS \"Price\", \"is_active\" AS \"IsActive\", \"placed_at\" AS \"PlacedAt\", \"reference\" AS \"Reference\", \"note\" AS \"Note\"";

    public const string DapperGetItem = "SELECT " + DapperColumns + " FROM \"items\" WHERE \"id\" = @id";

    public const string DapperPageItems = "SELECT " + DapperColumns + " FROM \"items\" ORDER BY \"id\", \"id\" LIMIT @limit OFFSET @offset";

    public const string DapperAllItems = "SELECT " + DapperColumns + " FROM \"items\"";

    public const string DapperInsertWrite = "INSERT INTO \"item_writes\" (\"name\", \"email\", \"quantity\", \"score\", \"price\", \"is_active\", \"placed_at\", \"reference\", \"note\") VALUES (@Name, @Email, @Quantity, @Score, @Price, @IsActive, @PlacedAt, @Reference, @Note) RETURNING \"id\"";
}
