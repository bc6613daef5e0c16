using Quickstart;
using Npgsql;
using Schemata;

// `dotnet run -- schema script|plan|apply|status|drop` manage the schema; no arguments run the demo below.
if (SchemaCommands.Handles(args))
{
    return await SchemaCommands.RunAsync(args, Schema.Model);
}

const string Usage = """
    Usage: Quickstart [--help | schema <command>]
      (no arguments)   apply the schema to DATABASE_URL (a throwaway PostgreSQL when it is unset), work with some data,
                       and print what PostgreSQL now holds; safe to run again against the same database
      schema script    the full DDL, no database;  schema plan | apply | status | drop --confirm: see docs/migrations.md
      --help, -h       this text
    """;
if (args is ["--help" or "-h" or "help"])
{
    Console.WriteLine(Usage);
    return 0;
}

if (args.Length > 0)
{
    Console.Error.WriteLine($"Unknown argument: {string.Join(' ', args)}");
    Console.Error.WriteLine(Usage);
    return 2;
}

// With DATABASE_URL set, the schema goes there; without it, a throwaway PostgreSQL is started for this run.
await using var target = await QuickstartDatabase.OpenAsync();
var database = target.Database;
Console.WriteLine($"PostgreSQL: {target.Description}");

var first = await Schema.ApplyAsync(database);
Console.WriteLine($"First apply: {first}");
var second = await Schema.ApplyAsync(database);
Console.WriteLine($"Second apply: {second}");
Console.WriteLine();

// Work with data: every call below is generated code with fixed SQL and typed parameters. Ada signs up by e-mail
// (insert, or update the live user with that e-mail), so running the demo again against the same database works.
await using (var session = await SchemaSession.BeginAsync(database))
{
    var ada = await session.Users().UpsertByEmailAsync(new User { Email = "ada@example.com", Name = "Ada" });
    await session.TaskItems().InsertAsync(new TaskItem { UserId = ada.Id, Title = "Write the spec" });
    await session.TaskItems().InsertAsync(new TaskItem { UserId = ada.Id, Title = "Ship it", Status = Quickstart.TaskStatus.InProgress });
    Console.WriteLine($"Signed up {ada.Email}: id {ada.Id}, created by the database at {ada.CreatedAt:O}");

    var todo = await session.TaskItems().ListByUserIdAndStatusAsync(ada.Id, Quickstart.TaskStatus.Todo);
    Console.WriteLine($"Ada's open tasks: {string.Join(", ", todo.Select(t => t.Title))}");

    await session.Users().SoftDeleteAsync(ada.Id);
    Console.WriteLine($"After soft delete: {await session.Users().CountAsync()} live user(s), {await session.Users().CountAsync(DeletedRows.Only)} deleted");
    var again = await session.Users().InsertAsync(new User { Email = "ada@example.com", Name = "Ada, again" });
    Console.WriteLine($"The e-mail is unique among live rows only, so Ada signed up again as {again.Id}");

    try
    {
        await session.TaskItems().InsertAsync(new TaskItem { UserId = again.Id, Title = new string('x', 201) });
    }
    catch (SchemaValidationException error)
    {
        Console.WriteLine($"Refused before sending: {error.Message}");
    }

    await session.CommitAsync();
}

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

return 0;

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
