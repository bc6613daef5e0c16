using Npgsql;
using Schemata;

// With DATABASE_URL set, the schema goes there; without it, a throwaway PostgreSQL is started for this run.
await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 }
    ? null
    : await TestPostgres.StartAsync();
await using var database = server is null
    ? SchemaDatabase.FromEnvironment()
    : SchemaDatabase.Create(server.ConnectionString);
Console.WriteLine($"PostgreSQL: {database.DisplayName}{(server is null ? string.Empty : $" (throwaway, {server.Source})")}");

var first = await Schema.ApplyAsync(database);
Console.WriteLine($"First apply: {first}");
var second = await Schema.ApplyAsync(database);
Console.WriteLine($"Second apply: {second}");
Console.WriteLine();

// What exists now, read back from pg_catalog rather than from the model.
await using var connection = await database.OpenConnectionAsync();
await PrintAsync(connection, "Enum types", """
    SELECT t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')'
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace
    GROUP BY t.typname ORDER BY t.typname
    """);
await PrintAsync(connection, "Tables", """
    SELECT c.relname || E'\n      ' || string_agg(
             a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
             || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
             || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), ''),
             E'\n      ' ORDER BY a.attnum)
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_history'
    GROUP BY c.relname ORDER BY c.relname
    """);
await PrintAsync(connection, "Constraints", """
    SELECT c.conrelid::regclass || '.' || c.conname || ': ' || pg_get_constraintdef(c.oid)
    FROM pg_constraint c
    WHERE c.connamespace = 'public'::regnamespace AND c.conrelid <> 'schema_history'::regclass
    ORDER BY 1
    """);
await PrintAsync(connection, "Indexes", """
    SELECT pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> 'schema_history' AND NOT i.indisprimary
    ORDER BY 1
    """);
await PrintAsync(connection, "History", "SELECT id || ': ' || left(model_hash, 12) || ' by ' || applied_by || ', ' || duration_ms || ' ms' FROM schema_history ORDER BY id");

static async Task PrintAsync(NpgsqlConnection connection, string title, string sql)
{
    Console.WriteLine(title + ":");
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine("  " + reader.GetString(0));
    }

    Console.WriteLine();
}
