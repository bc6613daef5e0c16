using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>Two versions of an entity set, compiled in the test, applied one after the other to real PostgreSQL.</summary>
public sealed class MigrationTests
{
    private static readonly Lazy<SchemaModel> V1 = new(() => ModelCompiler.Compile(Versions.V1));
    private static readonly Lazy<SchemaModel> V2 = new(() => ModelCompiler.Compile(Versions.V2));

    [Fact]
    public async Task V1_then_rows_then_V2_keeps_the_rows_and_adds_columns_indexes_enum_values_and_tables()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V1.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("INSERT INTO tasks (title, status, notes) VALUES ('write spec', 'doing', 'n1'), ('ship', 'done', NULL)");

        var result = await V2.Value.ApplyAsync(db.Database);

        Assert.False(result.WasUpToDate);
        Assert.DoesNotContain(result.Changes, c => c.IsDestructive);
        Assert.Equal(2L, await db.QueryAsync<long>("SELECT count(*) FROM tasks WHERE (title, status::text) IN (('write spec', 'doing'), ('ship', 'done'))"));
        Assert.Equal("n1", await db.QueryAsync<string>("SELECT notes FROM tasks WHERE title = 'write spec'"));
        Assert.Equal(3, await db.QueryAsync<int>("SELECT rank FROM tasks WHERE title = 'ship'"));
        Assert.Equal("blocked", await db.QueryAsync<string>("SELECT review_state::text FROM tasks WHERE title = 'ship'"));
        Assert.Equal("todo,doing,blocked,done", await db.QueryAsync<string>("SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'status'::regtype"));
        Assert.Equal("character varying(200)", await db.QueryAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'title'"));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM pg_indexes WHERE tablename = 'tasks' AND indexname = 'ix_tasks_status'"));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'labels' AND relkind = 'r'"));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'tasks' AND relkind = 'r'"));

        // The new enum value ran first, in a transaction of its own, then the short changes, then the index was built
        // concurrently (the table holds rows): a history row for each phase, the last one complete.
        Assert.StartsWith("ALTER TYPE \"status\" ADD VALUE IF NOT EXISTS 'blocked' AFTER 'doing';", result.Statements[0], StringComparison.Ordinal);
        Assert.Equal("complete,enum values,changed,complete", await db.QueryAsync<string>("SELECT string_agg(phase, ',' ORDER BY id) FROM schema_history"));
        Assert.Equal(string.Join("\n\n", result.Statements), await db.QueryAsync<string>($"SELECT string_agg(statements, E'\\n\\n' ORDER BY id) FROM schema_history WHERE model_hash = '{result.ModelHash}'"));
        Assert.True((await V2.Value.CompareAsync(db.Database)).IsEmpty);
        Assert.True((await V2.Value.ApplyAsync(db.Database)).WasUpToDate);
    }

    [Fact]
    public async Task A_history_table_from_before_phases_is_read_and_brought_up_to_date_by_the_next_apply_that_records()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V1.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("ALTER TABLE schema_history DROP COLUMN phase");

        Assert.True((await V1.Value.StatusAsync(db.Database)).IsUpToDate);
        Assert.True((await V1.Value.ApplyAsync(db.Database)).WasUpToDate);
        await V2.Value.ApplyAsync(db.Database);

        // The first row has the default the column was added with; the rows after it their own phases.
        Assert.Equal("complete,enum values,complete", await db.QueryAsync<string>("SELECT string_agg(phase, ',' ORDER BY id) FROM schema_history"));
        Assert.True((await V2.Value.ApplyAsync(db.Database)).WasUpToDate);
    }

    [Fact]
    public async Task The_plan_is_exactly_what_the_apply_then_runs_and_changes_nothing()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V1.Value.ApplyAsync(db.Database);
        var before = await CatalogDump.ReadAsync(db.ConnectionString);

        var plan = await V2.Value.PlanAsync(db.Database);

        Assert.Equal(before, await CatalogDump.ReadAsync(db.ConnectionString));
        var result = await V2.Value.ApplyAsync(db.Database);
        Assert.Equal(plan, result.Statements);
    }

    [Fact]
    public async Task A_rename_from_the_hint_keeps_the_data()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V1.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("INSERT INTO tasks (title, notes) VALUES ('a', 'keep me')");

        var result = await ModelCompiler.Compile(Versions.Renamed).ApplyAsync(db.Database);

        Assert.Equal(["ALTER TABLE \"tasks\" RENAME COLUMN \"notes\" TO \"details\";"], result.Statements);
        Assert.Equal("keep me", await db.QueryAsync<string>("SELECT details FROM tasks"));
    }

    [Fact]
    public async Task Apply_then_drop_then_apply_is_clean()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V2.Value.ApplyAsync(db.Database);
        var first = await CatalogDump.ReadAsync(db.ConnectionString);

        var dropped = await V2.Value.DropAsync(db.Database);

        Assert.Contains(dropped, s => s.StartsWith("DROP TABLE", StringComparison.Ordinal));
        Assert.Empty(await CatalogDump.ReadAsync(db.ConnectionString));
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'schema_history'"));
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM pg_type WHERE typname = 'status'"));

        var again = await V2.Value.ApplyAsync(db.Database);

        Assert.False(again.WasUpToDate);
        Assert.Equal(first, await CatalogDump.ReadAsync(db.ConnectionString));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM schema_history"));
    }

    [Fact]
    public async Task History_rows_hold_the_hash_the_exact_sql_the_role_and_the_duration()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var first = await V1.Value.ApplyAsync(db.Database);
        var second = await V2.Value.ApplyAsync(db.Database);

        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        // One row per apply here (no table holds rows, so there are no long phases), with the enum value's own row first.
        await using var command = new Npgsql.NpgsqlCommand("SELECT model_hash, string_agg(statements, E'\\n\\n' ORDER BY id), min(applied_by), max(duration_ms), max(applied_at) FROM schema_history GROUP BY model_hash ORDER BY min(id)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        foreach (var expected in new[] { first, second })
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expected.ModelHash, reader.GetString(0));
            Assert.Equal(string.Join("\n\n", expected.Statements), reader.GetString(1));
            Assert.Equal("postgres", reader.GetString(2));
            Assert.InRange(reader.GetInt32(3), 0, 60_000);
            Assert.InRange(reader.GetFieldValue<DateTimeOffset>(4), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        }

        Assert.Equal(V1.Value.Script, string.Join("\n\n", first.Statements));
        Assert.False(await reader.ReadAsync());
        var status = await V2.Value.StatusAsync(db.Database);
        Assert.True(status.IsUpToDate);
        Assert.Equal(string.Join("\n\n", second.Statements.Skip(1)), status.LastApply!.Sql);
        Assert.Equal("complete", status.LastApply.Phase);
    }

    [Fact]
    public async Task The_test_model_compares_equal_to_what_it_applied()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await global::Schema.Model.ApplyAsync(db.Database);

        var plan = await global::Schema.Model.CompareAsync(db.Database);

        Assert.Empty(plan.Changes.Select(c => c.ToString()));
        Assert.True(plan.IsRecorded);
    }

    [Fact]
    public async Task Indexes_on_tables_with_rows_are_built_concurrently_outside_the_transaction()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V1.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("INSERT INTO tasks (title) SELECT 'task ' || g FROM generate_series(1, 1000) g");

        var result = await V2.Value.ApplyAsync(db.Database);

        Assert.Equal("CREATE INDEX CONCURRENTLY \"ix_tasks_status\" ON \"tasks\" (\"status\");", result.Statements[^1]);
        Assert.True(await db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_tasks_status'::regclass"));
        Assert.Equal("complete", await db.QueryAsync<string>("SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1"));
        Assert.Equal(result.Statements[^1], await db.QueryAsync<string>("SELECT statements FROM schema_history ORDER BY id DESC LIMIT 1"));
        Assert.True((await V2.Value.ApplyAsync(db.Database)).WasUpToDate);
        Assert.True((await V2.Value.CompareAsync(db.Database)).IsEmpty);
    }

    [Fact]
    public async Task Drop_never_cascades_into_objects_outside_the_model_it_stops_and_names_them()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await V2.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("CREATE TABLE handmade (id int, status status); INSERT INTO handmade VALUES (1, 'done')");

        var error = await Assert.ThrowsAsync<SchemaApplyException>(async () => await V2.Value.DropAsync(db.Database));

        Assert.Contains("cannot drop type status because other objects depend on it", error.Message, StringComparison.Ordinal);
        Assert.Equal("done", await db.QueryAsync<string>("SELECT status::text FROM handmade"));
        Assert.True(await db.QueryAsync<bool>("SELECT to_regclass('tasks') IS NOT NULL AND to_regclass('schema_history') IS NOT NULL"));
    }
}
