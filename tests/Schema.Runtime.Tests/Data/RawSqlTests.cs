using System;
using System.Linq;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Raw SQL through the interpolated handler: parameters only, generated readers matched by name.</summary>
public sealed class RawSqlTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    private const string Hostile = "x'); DROP TABLE users; --";

    [Fact]
    public async Task Interpolated_values_become_parameters_and_are_stored_verbatim()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = Hostile, DisplayName = "\"quoted\" \\ back" });

        var found = await session.QueryAsync(UserReader.Instance, $"SELECT * FROM users WHERE email = {Hostile}");

        Assert.Equal(user.Id, Assert.Single(found).Id);
        Assert.Equal("\"quoted\" \\ back", found[0].DisplayName);
        Assert.Equal(Hostile, (await session.Users().GetByEmailAsync(Hostile))!.Email);
        Assert.Equal(1L, await session.ScalarAsync<long>($"SELECT count(*) FROM users WHERE email = {Hostile}"));
    }

    [Fact]
    public void The_handler_turns_values_into_positional_parameters()
    {
        var id = Guid.NewGuid();
        SqlInterpolation sql = $"SELECT * FROM users WHERE id = {id} AND email = {Hostile}";

        Assert.Equal("SELECT * FROM users WHERE id = $1 AND email = $2", sql.Sql);
        Assert.Equal(2, sql.ParameterCount);
    }

    [Fact]
    public void A_string_without_values_is_kept_as_written()
    {
        SqlInterpolation constant = $"SELECT 1";
        SqlInterpolation braces = $"SELECT '{{a}}' AS x";
        var id = 7;
        SqlInterpolation valueLast = $"SELECT {id}";

        Assert.Equal(("SELECT 1", 0), (constant.Sql, constant.ParameterCount));
        Assert.Equal(("SELECT '{a}' AS x", 0), (braces.Sql, braces.ParameterCount));
        Assert.Equal(("SELECT $1", 1), (valueLast.Sql, valueLast.ParameterCount));
        Assert.Equal((string.Empty, 0), (default(SqlInterpolation).Sql, default(SqlInterpolation).ParameterCount));
    }

    [Fact]
    public async Task Scalar_reads_the_first_column_of_the_first_row()
    {
        await using var session = await db.BeginAsync();

        Assert.Equal(1, await session.ScalarAsync<int>($"SELECT 1"));
        Assert.Equal("{a}", await session.ScalarAsync<string>($"SELECT '{{a}}'"));
        Assert.Equal(3, await session.ScalarAsync<int>($"SELECT g FROM generate_series(3, 5) AS g ORDER BY g"));
        Assert.Equal(0L, await session.ScalarAsync<long>($"SELECT count(*) FROM users WHERE false"));
        Assert.Equal(42L, await session.ScalarAsync<long>($"SELECT {40L} + {2L}"));

        // The session is still usable after each of them: the rest of a multi-row result was skipped, not left pending.
        Assert.Equal(2, await session.ScalarAsync<int>($"SELECT 2"));
        await session.CommitAsync();
    }

    [Fact]
    public async Task Scalar_of_a_nullable_type_is_null_for_no_row_or_null()
    {
        await using var session = await db.BeginAsync();

        Assert.Null(await session.ScalarAsync<int?>($"SELECT 1 WHERE false"));
        Assert.Null(await session.ScalarAsync<long?>($"SELECT NULL::bigint"));
        Assert.Equal(0L, await session.ScalarAsync<long?>($"SELECT 0::bigint"));
        Assert.Null(await session.ScalarAsync<string>($"SELECT 'x' WHERE false"));
        Assert.Null(await session.ScalarAsync<string>($"SELECT NULL::text"));
    }

    [Fact]
    public async Task Scalar_of_a_value_type_refuses_no_row_and_null_instead_of_returning_zero()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "scalar-kept@example.com" });

        var none = await Assert.ThrowsAsync<SchemaDataException>(async () => await session.ScalarAsync<long>($"SELECT 7::bigint WHERE false"));
        var nothing = await Assert.ThrowsAsync<SchemaDataException>(async () => await session.ScalarAsync<int>($"SELECT NULL::int"));

        Assert.Contains("returned no row", none.Message, StringComparison.Ordinal);
        Assert.Contains("ScalarAsync<Int64?>", none.Message, StringComparison.Ordinal);
        Assert.Contains("NULL", nothing.Message, StringComparison.Ordinal);
        Assert.Contains("ScalarAsync<Int32?>", nothing.Message, StringComparison.Ordinal);

        // Nothing was lost: the session goes on and commits what it wrote before.
        await session.CommitAsync();
        await using var check = await db.BeginAsync();
        Assert.NotNull(await check.Users().GetAsync(user.Id));
    }

    [Fact]
    public async Task A_column_the_reader_needs_that_the_result_has_twice_is_an_error_naming_it()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "twice@example.com" });
        var key = await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "twice" });

        // users.* comes first: without the check, the api key would carry the user's id, created_at, ….
        var error = await Assert.ThrowsAsync<SchemaDataException>(async () =>
            await session.QueryAsync(ApiKeyReader.Instance, $"SELECT u.*, k.* FROM users u JOIN api_keys k ON k.user_id = u.id WHERE k.id = {key.Id}"));

        Assert.Contains("\"id\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 columns", error.Message, StringComparison.Ordinal);

        // Columns the reader does not read may repeat; the session goes on.
        var rows = await session.QueryAsync(UserReader.Instance, $"SELECT u.*, 1 AS n, 2 AS n FROM users u WHERE u.id = {user.Id}");
        Assert.Equal(user.Id, Assert.Single(rows).Id);
        var aliased = await session.QueryAsync(ApiKeyReader.Instance, $"SELECT u.id AS user_key, k.* FROM users u JOIN api_keys k ON k.user_id = u.id WHERE k.id = {key.Id}");
        Assert.Equal(key.Id, Assert.Single(aliased).Id);
    }

    [Fact]
    public async Task Readers_match_by_name_in_any_order_and_ignore_extra_columns()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "order@example.com", DisplayName = "Order" });

        var rows = await session.QueryAsync(UserReader.Instance, $"""
            SELECT 42 AS extra, deleted_at, updated_at, created_at, is_admin, display_name, email, id, 'more' AS another
            FROM users WHERE id = {user.Id}
            """);

        var read = Assert.Single(rows);
        Assert.Equal((user.Id, "order@example.com", "Order", user.CreatedAt), (read.Id, read.Email, read.DisplayName, read.CreatedAt));
    }

    [Fact]
    public async Task A_cancelled_stream_cancels_its_statement_on_the_server_instead_of_reading_the_rest()
    {
        await using var session = await db.BeginAsync();
        await session.Users().InsertAsync(new User { Email = "stream@example.com", DisplayName = "s" });

        using var cancel = new System.Threading.CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            // Two million rows, produced as they are sent: far more than Npgsql buffers.
            await foreach (var user in session.StreamAsync(UserReader.Instance, $"SELECT u.* FROM users u CROSS JOIN generate_series(1, 2000000) WHERE u.email = {"stream@example.com"}", cancel.Token))
            {
                read++;
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(1, read);
        // The statement was cancelled on the server, not read to its end: like any cancelled statement, it aborted
        // the transaction, which is rolled back when the session is disposed.
        var aborted = await Assert.ThrowsAsync<Npgsql.PostgresException>(async () => await session.ScalarAsync<long>($"SELECT 1::bigint"));
        Assert.Equal("25P02", aborted.SqlState);
    }

    [Fact]
    public async Task A_missing_nullable_column_reads_as_null_and_a_missing_required_one_is_named()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "partial@example.com", DisplayName = "x" });

        var partial = await session.QueryAsync(UserReader.Instance, $"SELECT id, email, is_admin, created_at, updated_at FROM users WHERE id = {user.Id}");
        Assert.Null(Assert.Single(partial).DisplayName);

        var error = await Assert.ThrowsAsync<SchemaDataException>(async () => await session.QueryAsync(UserReader.Instance, $"SELECT id FROM users"));
        Assert.Contains("\"email\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Native_enum_columns_read_by_name_from_a_custom_select()
    {
        await using var session = await db.BeginAsync();
        await session.Documents().InsertAsync(new Document { Title = "enum", Priority = Priority.VeryHigh });

        var rows = await session.QueryAsync(DocumentReader.Instance, $"SELECT * FROM documents");

        Assert.Equal(Priority.VeryHigh, Assert.Single(rows).Priority);
    }

    [Fact]
    public async Task Execute_and_stream_are_parameterized_too()
    {
        await using var session = await db.BeginAsync();
        await session.Topics().InsertManyAsync(Enumerable.Range(0, 5).Select(i => new Topic { Slug = "s" + i }));

        var changed = await session.ExecuteAsync($"UPDATE topics SET slug = slug || {"-x"} WHERE slug <> {"s0"}");
        var slugs = await session.StreamAsync(TopicReader.Instance, $"SELECT * FROM topics ORDER BY slug").Select(t => t.Slug).ToListAsync();

        Assert.Equal(4, changed);
        Assert.Equal(["s0", "s1-x", "s2-x", "s3-x", "s4-x"], slugs);
    }
}
