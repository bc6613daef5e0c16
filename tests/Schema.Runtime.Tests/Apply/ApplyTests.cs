using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>The generated test model applied to real PostgreSQL, each test on a database of its own.</summary>
public sealed class ApplyTests
{
    private static readonly SchemaModel Model = global::Schema.Model;

    [Fact]
    public async Task Applying_the_test_model_yields_exactly_the_expected_catalog()
    {
        await using var database = await NewDatabaseAsync();

        var result = await global::Schema.ApplyAsync(database.ConnectionString);

        Assert.False(result.WasUpToDate);
        var expected = ExpectedCatalog.Text.Split('\n').Order(StringComparer.Ordinal).ToList();
        var actual = (await CatalogDump.ReadAsync(database.ConnectionString)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_second_apply_finds_the_hash_and_changes_nothing()
    {
        await using var database = await NewDatabaseAsync();
        await global::Schema.ApplyAsync(database.ConnectionString);
        var before = await CatalogDump.ReadAsync(database.ConnectionString);

        var second = await global::Schema.ApplyAsync(database.ConnectionString);

        Assert.True(second.WasUpToDate);
        Assert.Empty(second.Statements);
        Assert.Equal(before, await CatalogDump.ReadAsync(database.ConnectionString));
        Assert.Equal(1L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM schema_history"));
    }

    [Fact]
    public async Task The_plan_for_an_empty_database_is_the_script_and_the_history_records_it()
    {
        await using var database = await NewDatabaseAsync();
        await using var db = SchemaDatabase.Create(database.ConnectionString);

        var plan = await Model.PlanAsync(db);
        Assert.Equal(global::Schema.Script, string.Join("\n\n", plan));
        Assert.Empty(await CatalogDump.ReadAsync(database.ConnectionString));

        var result = await Model.ApplyAsync(db);
        Assert.Equal(plan, result.Statements);
        var recorded = await Scalar.QueryAsync<string>(database.ConnectionString, "SELECT statements FROM schema_history");
        Assert.Equal(global::Schema.Script, recorded);
        Assert.Equal(global::Schema.Hash, await Scalar.QueryAsync<string>(database.ConnectionString, "SELECT model_hash FROM schema_history"));
        Assert.Equal("postgres", await Scalar.QueryAsync<string>(database.ConnectionString, "SELECT applied_by FROM schema_history"));
    }

    [Fact]
    public async Task Apply_creates_only_what_is_missing()
    {
        await using var database = await NewDatabaseAsync();
        await global::Schema.ApplyAsync(database.ConnectionString);
        await Scalar.ExecuteAsync(database.ConnectionString, """
            DROP INDEX ix_documents_priority;
            ALTER TABLE documents DROP CONSTRAINT ck_documents_title;
            ALTER TABLE users DROP COLUMN display_name;
            DELETE FROM schema_history;
            """);

        var result = await global::Schema.ApplyAsync(database.ConnectionString);

        Assert.Equal(
            [
                "ALTER TABLE \"users\" ADD COLUMN \"display_name\" text;",
                "ALTER TABLE \"documents\" ADD CONSTRAINT \"ck_documents_title\" CHECK (title <> 'untitled');",
                "CREATE INDEX \"ix_documents_priority\" ON \"documents\" (\"priority\");",
            ],
            result.Statements);
        Assert.Equal(ExpectedCatalog.Text.Split('\n').Order(StringComparer.Ordinal), (await CatalogDump.ReadAsync(database.ConnectionString)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_applies_wait_for_the_lock_and_only_one_changes_anything()
    {
        await using var database = await NewDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => global::Schema.ApplyAsync(database.ConnectionString).AsTask()));

        Assert.Single(results, r => !r.WasUpToDate);
        Assert.Equal(5, results.Count(r => r.WasUpToDate));
        Assert.Equal(1L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM schema_history"));
    }

    [Fact]
    public async Task A_failing_statement_rolls_everything_back_and_names_the_statement()
    {
        await using var database = await NewDatabaseAsync();
        // A hand-made view where the model's users table goes: the catalog holds no such table, CREATE TABLE fails.
        await Scalar.ExecuteAsync(database.ConnectionString, "CREATE VIEW users AS SELECT 1 AS x");

        var error = await Assert.ThrowsAsync<SchemaApplyException>(async () => await global::Schema.Model.ApplyAsync(database.ConnectionString));

        Assert.StartsWith("CREATE TABLE \"users\"", error.Statement, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"users\" already exists", error.Message, StringComparison.Ordinal);
        Assert.Empty(await CatalogDump.ReadAsync(database.ConnectionString));
        Assert.True(await Scalar.QueryAsync<bool>(database.ConnectionString, "SELECT to_regclass('schema_history') IS NULL"));
    }

    [Fact]
    public async Task A_change_that_would_fail_on_the_rows_is_refused_before_anything_runs()
    {
        await using var database = await NewDatabaseAsync();
        // A hand-made topics table with duplicate slugs: the UNIQUE constraint the model declares cannot be added.
        await Scalar.ExecuteAsync(database.ConnectionString, """
            CREATE TABLE topics (id integer CONSTRAINT pk_topics PRIMARY KEY, slug varchar(100) NOT NULL);
            INSERT INTO topics VALUES (1, 'same'), (2, 'same'), (3, 'other');
            """);

        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () => await global::Schema.Model.ApplyAsync(database.ConnectionString));

        var blocked = Assert.Single(refused.Blocked);
        Assert.Equal("add constraint topics_slug_key on topics", blocked.Description);
        Assert.StartsWith("2 rows share their values of (slug) with another row", blocked.BlockedReason, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        var left = await CatalogDump.ReadAsync(database.ConnectionString);
        Assert.All(left, line => Assert.Contains(".topics.", line, StringComparison.Ordinal));
        Assert.Equal(0L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM pg_class WHERE relname IN ('users', 'schema_history') AND relkind = 'r'"));
    }

    [Fact]
    public async Task The_applied_constraints_and_defaults_behave()
    {
        await using var database = await NewDatabaseAsync();
        await global::Schema.ApplyAsync(database.ConnectionString);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        var user = await Scalar.QueryAsync<Guid>(connection, "INSERT INTO users (email) VALUES ('a@example.com') RETURNING id");
        Assert.NotEqual(Guid.Empty, user);
        await Assert.ThrowsAsync<PostgresException>(() => Scalar.QueryAsync<Guid>(connection, "INSERT INTO users (email) VALUES ('a@example.com') RETURNING id"));
        await Scalar.QueryAsync<int>(connection, "UPDATE users SET deleted_at = now() RETURNING 1");
        var again = await Scalar.QueryAsync<Guid>(connection, "INSERT INTO users (email) VALUES ('a@example.com') RETURNING id");
        Assert.NotEqual(user, again);

        var root = await Scalar.QueryAsync<Guid>(connection, "INSERT INTO folders (name) VALUES ('root') RETURNING id");
        await Scalar.QueryAsync<Guid>(connection, $"INSERT INTO folders (name, parent_id) VALUES ('child', '{root}') RETURNING id");
        var empty = await Assert.ThrowsAsync<PostgresException>(() => Scalar.QueryAsync<Guid>(connection, "INSERT INTO folders (name) VALUES ('') RETURNING id"));
        Assert.Equal("ck_folders_name_length", empty.ConstraintName);
        await Scalar.QueryAsync<int>(connection, $"DELETE FROM folders WHERE id = '{root}' RETURNING 1");
        Assert.Equal(0L, await Scalar.QueryAsync<long>(connection, "SELECT count(*) FROM folders"));

        var bad = await Assert.ThrowsAsync<PostgresException>(() => Scalar.QueryAsync<int>(connection, "INSERT INTO document_topics VALUES (gen_random_uuid(), 1) RETURNING 1"));
        Assert.Equal("fk_document_topics_document_id", bad.ConstraintName);
        Assert.Equal(1L, await Scalar.QueryAsync<long>(connection, "INSERT INTO messaging.outbox (aggregate_type, aggregate_id, payload) VALUES ('x', gen_random_uuid(), '{}') RETURNING id"));
    }

    private static async Task<TestDatabase> NewDatabaseAsync()
    {
        var server = await TestPostgres.SharedAsync();
        return await server.CreateDatabaseAsync();
    }
}
