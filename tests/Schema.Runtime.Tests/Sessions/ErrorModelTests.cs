using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Sessions;

/// <summary>
/// One error model for sessions and units of work: a statement PostgreSQL refuses fails with its own
/// <see cref="PostgresException"/>, SQLSTATE intact, whether the statement ran in a session or in RunAsync; it is
/// neither retried nor reported as a connection problem, and nothing of the unit is committed.
/// </summary>
public sealed class ErrorModelTests(SessionDatabase fixture) : IClassFixture<SessionDatabase>
{
    private static readonly SchemaRetryOptions Fast = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10) };

    public static TheoryData<string, string> Statements => new()
    {
        { "22012", "SELECT 1 / 0" },
        { "42601", "SELEC 1" },
        { "42703", "SELECT no_such_column FROM items" },
        { "P0001", "INSERT INTO refused (note) VALUES ('the trigger says no')" },
        { "22P02", "SELECT 'not-a-uuid'::uuid" },
        { "55P03", "SET LOCAL lock_timeout = '50ms'; LOCK TABLE held IN ACCESS EXCLUSIVE MODE" },
        { "57014", "SET LOCAL statement_timeout = '50ms'; SELECT pg_sleep(2)" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task A_refused_statement_in_a_unit_of_work_is_the_postgres_error_it_is(string sqlState, string sql)
    {
        await PrepareAsync();
        await using var holder = await HoldLockAsync();
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = Fast });
        var marker = "unit-" + sqlState;
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.RunAsync(async (session, ct) =>
        {
            Interlocked.Increment(ref attempts);
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 1, {marker})", ct);
            await using var command = session.CreateCommand(sql);
            await command.ExecuteNonQueryAsync(ct);
        }).AsTask());

        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(1, attempts);
        Assert.Equal(0L, await CountAsync(marker));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task The_same_statement_in_a_session_fails_the_same_way_and_translating_keeps_it(string sqlState, string sql)
    {
        await PrepareAsync();
        await using var holder = await HoldLockAsync();
        await using var db = fixture.Create();
        var marker = "session-" + sqlState;
        PostgresException error;
        await using (var session = await db.BeginAsync())
        {
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 1, {marker})");
            error = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var command = session.CreateCommand(sql);
                await command.ExecuteNonQueryAsync();
            });
        }

        Assert.Equal(sqlState, error.SqlState);
        Assert.Same(error, await SchemaErrors.TranslateAsync(db, error));
        Assert.Same(error, SchemaErrors.Translate(error));
        Assert.Equal(0L, await CountAsync(marker));
    }

    [Fact]
    public async Task A_command_timeout_in_a_unit_of_work_is_reported_as_a_command_timeout()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { CommandTimeout = TimeSpan.FromSeconds(1), Retry = Fast });
        var attempts = 0;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => db.RunAsync(async (session, ct) =>
        {
            Interlocked.Increment(ref attempts);
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 1, 'slow-unit')", ct);
            await session.ExecuteAsync($"SELECT pg_sleep(3)", ct);
        }).AsTask());

        Assert.Equal(1, attempts);
        Assert.Contains("command timeout of 1 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("connect_timeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        Assert.DoesNotContain(fixture.Password, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("slow-unit"));
    }

    [Fact]
    public async Task A_command_timeout_in_a_session_translates_to_the_same_error()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { CommandTimeout = TimeSpan.FromSeconds(1) });
        Exception raw;
        await using (var session = await db.BeginAsync())
        {
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 1, 'slow-session')");
            raw = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await session.ExecuteAsync($"SELECT pg_sleep(3)"));
        }

        var translated = Assert.IsType<TimeoutException>(await SchemaErrors.TranslateAsync(db, raw));
        Assert.Contains("command timeout of 1 s", translated.Message, StringComparison.Ordinal);
        Assert.Same(raw, translated.InnerException);
        Assert.IsType<TimeoutException>(SchemaErrors.Translate(raw));
        Assert.Equal(0L, await CountAsync("slow-session"));
    }

    private async Task PrepareAsync() => await Scalar.ExecuteAsync(fixture.ConnectionString, """
        CREATE TABLE IF NOT EXISTS held (id int);
        CREATE TABLE IF NOT EXISTS refused (note text);
        CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by trigger'; END $$;
        DROP TRIGGER IF EXISTS refuse_insert ON refused;
        CREATE TRIGGER refuse_insert BEFORE INSERT ON refused FOR EACH ROW EXECUTE FUNCTION refuse();
        """);

    /// <summary>Another transaction holding a lock on <c>held</c>, so that a short lock_timeout runs out.</summary>
    private async Task<NpgsqlConnection> HoldLockAsync()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await Scalar.ExecuteAsync(connection, "BEGIN; LOCK TABLE held IN ACCESS SHARE MODE");
        return connection;
    }

    private async Task<long> CountAsync(string label) =>
        await Scalar.QueryAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM items WHERE label = '{label}'");
}
