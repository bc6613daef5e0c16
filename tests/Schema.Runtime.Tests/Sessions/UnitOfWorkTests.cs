using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Xunit;

namespace Schemata.Tests.Sessions;

public sealed class UnitOfWorkTests(SessionDatabase fixture) : IClassFixture<SessionDatabase>
{
    private static readonly SchemaRetryOptions Fast = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task RunAsync_commits_and_returns_the_result()
    {
        await using var db = fixture.Create();
        var id = Guid.NewGuid();
        var label = await db.RunAsync(async (session, ct) =>
        {
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES ({id}, 1, 'returned')", ct);
            return await session.ScalarAsync<string>($"SELECT label FROM items WHERE id = {id}", ct);
        });

        Assert.Equal("returned", label);
        Assert.Equal(1L, await Scalar.QueryAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM items WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_serializable_conflict_is_retried_and_both_units_succeed()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = new SchemaRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(20) } });
        await Scalar.ExecuteAsync(fixture.ConnectionString, "INSERT INTO counters VALUES (1, 0)");
        var attempts = 0;
        var bothRead = new Barrier(2);

        async ValueTask Increment(SchemaSession session, CancellationToken ct)
        {
            var first = Interlocked.Increment(ref attempts) <= 2;
            var n = await session.ScalarAsync<int>($"SELECT n FROM counters WHERE id = 1", ct);
            if (first)
            {
                await Task.Run(() => bothRead.SignalAndWait(TimeSpan.FromSeconds(10)), ct);
            }

            await session.ExecuteAsync($"UPDATE counters SET n = {n + 1} WHERE id = 1", ct);
        }

        await Task.WhenAll(
            db.RunAsync(Increment, SchemaUnitOfWorkOptions.Serializable).AsTask(),
            db.RunAsync(Increment, SchemaUnitOfWorkOptions.Serializable).AsTask());

        Assert.Equal(2, await Scalar.QueryAsync<int>(fixture.ConnectionString, "SELECT n FROM counters WHERE id = 1"));
        Assert.True(attempts >= 3, $"expected a retry, saw {attempts} attempts");
    }

    [Fact]
    public async Task Serialization_failures_that_outlast_every_attempt_end_in_a_transient_error()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = Fast });
        var attempts = 0;
        var error = await Assert.ThrowsAsync<SchemaTransientException>(() => db.RunAsync(async (session, ct) =>
        {
            Interlocked.Increment(ref attempts);
            await session.ExecuteAsync($"DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$", ct);
        }).AsTask());

        Assert.Equal(3, attempts);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("40001", error.SqlState);
        Assert.Contains("Run it again later", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("40P01", true)]
    [InlineData("57P01", true)]
    [InlineData("08006", true)]
    [InlineData("23505", false)]
    [InlineData("42P01", false)]
    [InlineData("57014", false)]
    public async Task Only_transient_sqlstates_are_retried(string sqlState, bool retried)
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = Fast });
        var attempts = 0;
        await Assert.ThrowsAnyAsync<Exception>(() => db.RunAsync(async (session, ct) =>
        {
            Interlocked.Increment(ref attempts);
            await using var command = session.CreateCommand($"DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '{sqlState}'; END $$");
            await command.ExecuteNonQueryAsync(ct);
        }).AsTask());

        Assert.Equal(retried ? 3 : 1, attempts);
    }

    [Fact]
    public async Task Errors_in_the_callers_own_code_are_never_retried()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = Fast });
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.RunAsync((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("mine");
        }).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_unique_violation_is_a_conflict_naming_the_constraint_and_columns()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = Fast });
        var attempts = 0;
        var error = await Assert.ThrowsAsync<SchemaConstraintException>(() => db.RunAsync(async (session, ct) =>
        {
            Interlocked.Increment(ref attempts);
            await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 2, 'twin'), (gen_random_uuid(), 2, 'twin')", ct);
        }).AsTask());

        Assert.Equal(1, attempts);
        Assert.Equal(SchemaConstraintKind.Unique, error.Kind);
        Assert.True(error.IsConflict);
        Assert.Equal("uq_items_owner_id_label", error.ConstraintName);
        Assert.Equal("items", error.TableName);
        Assert.Equal(["owner_id", "label"], error.Columns);
        Assert.Contains("items row with the same (owner_id, label)", error.Message, StringComparison.Ordinal);
        Assert.Contains("uq_items_owner_id_label", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("twin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreign_key_and_check_violations_name_their_columns()
    {
        await using var db = fixture.Create();
        var fk = await Assert.ThrowsAsync<SchemaConstraintException>(() => db.RunAsync(
            (session, ct) => Discard(session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 99, 'orphan')", ct))).AsTask());
        var check = await Assert.ThrowsAsync<SchemaConstraintException>(() => db.RunAsync(
            (session, ct) => Discard(session.ExecuteAsync($"INSERT INTO items (id, owner_id, label, qty) VALUES (gen_random_uuid(), 1, 'neg', -1)", ct))).AsTask());
        var referenced = await Assert.ThrowsAsync<SchemaConstraintException>(async () =>
        {
            await db.RunAsync((session, ct) => Discard(session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 2, 'child')", ct)));
            await db.RunAsync((session, ct) => Discard(session.ExecuteAsync($"DELETE FROM owners WHERE id = 2", ct)));
        });

        Assert.Equal(SchemaConstraintKind.ForeignKey, fk.Kind);
        Assert.Equal(["owner_id"], fk.Columns);
        Assert.Equal("owners", fk.ReferencedTable);
        Assert.Contains("items.owner_id must refer to an existing owners row", fk.Message, StringComparison.Ordinal);
        Assert.Equal(SchemaConstraintKind.Check, check.Kind);
        Assert.Equal("ck_items_qty", check.ConstraintName);
        Assert.Equal(["qty"], check.Columns);
        Assert.Contains("still referenced from table items", referenced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_without_a_database_names_the_constraint()
    {
        var postgres = new Npgsql.PostgresException("duplicate key value violates unique constraint \"uq_users_email\"", "ERROR", "ERROR", "23505",
            detail: "Key (email)=(a@b.c) already exists.", tableName: "users", constraintName: "uq_users_email");

        var error = Assert.IsType<SchemaConstraintException>(SchemaErrors.Translate(postgres));
        Assert.Equal(["email"], error.Columns);
        Assert.Contains("users row with the same email", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a@b.c", error.Message, StringComparison.Ordinal);
        var other = new InvalidOperationException("x");
        Assert.Same(other, SchemaErrors.Translate(other));
    }

    [Fact]
    public async Task A_polly_pipeline_can_be_plugged_in()
    {
        var retries = 0;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => new(args.Outcome.Exception is { } e && SchemaTransientErrors.IsTransient(e)),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return default;
                },
            })
            .Build();
        await using var db = fixture.Create(new SchemaDatabaseOptions { Retry = new SchemaRetryOptions { Pipeline = pipeline } });
        var attempts = 0;
        var result = await db.RunAsync(async (session, ct) =>
        {
            if (Interlocked.Increment(ref attempts) < 4)
            {
                await session.ExecuteAsync($"DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END $$", ct);
            }

            return attempts;
        });

        Assert.Equal(4, result);
        Assert.Equal(3, retries);
    }

    [Fact]
    public async Task Fifty_concurrent_units_over_a_pool_of_ten_complete_and_release_every_connection()
    {
        const string app = "uow-fifty";
        var options = new SchemaDatabaseOptions { MaxPoolSize = 10, ApplicationName = app, ConnectTimeout = TimeSpan.FromSeconds(15) };
        var baseline = await ConnectionsAsync(app);
        var peak = 0L;
        var db = fixture.Create(options);
        await using (db)
        {
            var units = new Task[50];
            for (var i = 0; i < units.Length; i++)
            {
                var id = Guid.NewGuid();
                units[i] = db.RunAsync(async (session, ct) =>
                {
                    await session.ExecuteAsync($"INSERT INTO items (id, owner_id, label) VALUES ({id}, 1, {"fifty-" + id})", ct);
                    var open = await session.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = {app}", ct);
                    InterlockedMax(ref peak, open);
                    await session.ExecuteAsync($"SELECT pg_sleep(0.02)", ct);
                }).AsTask();
            }

            await Task.WhenAll(units);
            Assert.Equal(50L, await Scalar.QueryAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM items WHERE label LIKE 'fifty-%'"));
            Assert.InRange(peak, 1, 10);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await ConnectionsAsync(app) != baseline && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(baseline, await ConnectionsAsync(app));
    }

    [Fact]
    public async Task An_exhausted_pool_gives_a_clear_timeout_error()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { MaxPoolSize = 1, ConnectTimeout = TimeSpan.FromSeconds(1), Retry = Fast });
        await using var holder = await db.BeginAsync();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(() => db.RunAsync((_, _) => ValueTask.CompletedTask).AsTask());

        Assert.Equal(SchemaConnectionFailure.PoolExhausted, error.Failure);
        Assert.Contains("pooled connections are in use", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(6));
        Assert.DoesNotContain(fixture.Password, error.ToString(), StringComparison.Ordinal);
    }

    private async Task<long> ConnectionsAsync(string app) =>
        await Scalar.QueryAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{app}'");

    private static async ValueTask Discard(ValueTask<int> task) => await task;

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
