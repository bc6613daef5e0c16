using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Schemata.TestModel;
using Schemata.Tests.Apply;
using Xunit;

namespace Schemata.Tests.ScaleOut;

/// <summary>
/// The data-access and apply suite's representative cases through PgBouncer 1.18 in transaction pooling mode, with a
/// plain connection string: nothing is set for PgBouncer. Each transaction may run on another server connection, so
/// anything that leaned on session state (a session SET, a session advisory lock, a prepared statement) would fail here.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class PgBouncerTests(TopologyFixture fixture)
{
    private static readonly Lazy<SchemaModel> V1 = new(() => ModelCompiler.Compile(Versions.V1));
    private static readonly Lazy<SchemaModel> V2 = new(() => ModelCompiler.Compile(Versions.V2));

    private string ThroughPgBouncer => fixture.Database.PgBouncerConnectionString;

    [Fact]
    public async Task Sessions_write_read_stream_commit_and_roll_back()
    {
        await using var db = SchemaDatabase.Create(ThroughPgBouncer);
        var email = $"ada-{Guid.NewGuid():N}@example.com";

        await using (var session = await db.BeginAsync())
        {
            var ada = await session.Users().InsertAsync(new User { Email = email, DisplayName = "Ada" });
            ada.DisplayName = "Ada L.";
            Assert.True(await session.Users().UpdateAsync(ada));
            await session.Users().UpsertByEmailAsync(new User { Email = email, DisplayName = "Ada Lovelace" });
            Assert.Equal("Ada Lovelace", (await session.Users().GetByEmailAsync(email))!.DisplayName);
            await session.CommitAsync();
        }

        await using (var session = await db.BeginAsync())
        {
            var ada = await session.Users().GetByEmailAsync(email);
            Assert.NotNull(ada);
            Assert.True(await session.Users().SoftDeleteAsync(ada.Id));
            await session.Users().InsertAsync(new User { Email = "rolled-back-" + email });
            await session.RollbackAsync();
        }

        await using (var session = await db.BeginAsync())
        {
            Assert.NotNull(await session.Users().GetByEmailAsync(email));
            Assert.Null(await session.Users().GetByEmailAsync("rolled-back-" + email));
            var streamed = new List<User>();
            await foreach (var user in session.Users().StreamAsync())
            {
                streamed.Add(user);
            }

            Assert.Contains(streamed, u => u.Email == email);
            Assert.Equal(streamed.Count, await session.Users().CountAsync());
            Assert.Equal(email, await session.ScalarAsync<string>($"SELECT email FROM users WHERE email = {email}"));
        }
    }

    [Fact]
    public async Task A_unit_of_work_whose_server_connection_is_killed_runs_again_and_commits_once()
    {
        await using var db = SchemaDatabase.Create(ThroughPgBouncer, new SchemaDatabaseOptions { Retry = new SchemaRetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(50) } });
        var email = $"retried-{Guid.NewGuid():N}@example.com";
        var attempts = 0;

        await db.RunAsync(async (session, ct) =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            await session.Users().InsertAsync(new User { Email = email }, ct);
            if (attempt == 1)
            {
                // The server backend PgBouncer lent this transaction dies under it, as in a server restart.
                var backend = await session.ScalarAsync<int>($"SELECT pg_backend_pid()", ct);
                await Scalar.ExecuteAsync(fixture.Database.PrimaryConnectionString, $"SELECT pg_terminate_backend({backend})");
            }

            await session.ScalarAsync<long>($"SELECT count(*) FROM users", ct);
        });

        Assert.Equal(2, attempts);
        Assert.Equal(1L, await Scalar.QueryAsync<long>(fixture.Database.PrimaryConnectionString, $"SELECT count(*) FROM users WHERE email = '{email}'"));
    }

    [Fact]
    public async Task A_serialization_conflict_is_retried_and_both_units_commit()
    {
        await using var db = SchemaDatabase.Create(ThroughPgBouncer, new SchemaDatabaseOptions { Retry = new SchemaRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(20) } });
        var email = $"counter-{Guid.NewGuid():N}@example.com";
        await using (var session = await db.BeginAsync())
        {
            await session.Users().InsertAsync(new User { Email = email, DisplayName = "0" });
            await session.CommitAsync();
        }

        var attempts = 0;
        using var bothRead = new Barrier(2);
        async ValueTask Increment(SchemaSession session, CancellationToken ct)
        {
            var first = Interlocked.Increment(ref attempts) <= 2;
            var user = (await session.Users().GetByEmailAsync(email, cancellationToken: ct))!;
            if (first)
            {
                await Task.Run(() => bothRead.SignalAndWait(TimeSpan.FromSeconds(10)), ct);
            }

            user.DisplayName = (int.Parse(user.DisplayName!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await session.Users().UpdateAsync(user, ct);
        }

        await Task.WhenAll(db.RunAsync(Increment, SchemaUnitOfWorkOptions.Serializable).AsTask(), db.RunAsync(Increment, SchemaUnitOfWorkOptions.Serializable).AsTask());

        Assert.True(attempts >= 3, $"expected a retry, saw {attempts} attempts");
        Assert.Equal("2", await Scalar.QueryAsync<string>(fixture.Database.PrimaryConnectionString, $"SELECT display_name FROM users WHERE email = '{email}'"));
    }

    [Fact]
    public async Task Copy_inserts_ten_thousand_rows_in_one_transaction()
    {
        await using var db = SchemaDatabase.Create(ThroughPgBouncer);
        var batch = Guid.NewGuid().ToString("N");
        var rows = Enumerable.Range(0, 10_000).Select(i => new User { Email = $"copy-{batch}-{i}@example.com" });

        await using (var session = await db.BeginAsync())
        {
            await session.Users().InsertManyAsync(rows);
            await session.CommitAsync();
        }

        Assert.Equal(10_000L, await Scalar.QueryAsync<long>(fixture.Database.PrimaryConnectionString, $"SELECT count(*) FROM users WHERE email LIKE 'copy-{batch}-%'"));
    }

    [Fact]
    public async Task A_stream_cancelled_half_way_is_cancelled_on_the_server()
    {
        await using var db = SchemaDatabase.Create(ThroughPgBouncer);
        await using var session = await db.BeginAsync();
        using var stop = new CancellationTokenSource();
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var value in session.StreamAsync(IntReader.Instance, $"SELECT g FROM generate_series(1, 2000000) g", stop.Token))
            {
                if (++read == 1000)
                {
                    await stop.CancelAsync();
                }
            }
        });

        Assert.InRange(read, 1000, 1001);
    }

    [Fact]
    public async Task Eight_concurrent_appliers_one_applies_the_rest_find_nothing_to_do()
    {
        await using var database = await fixture.Topology.CreateDatabaseAsync();
        var throughPgBouncer = database.PgBouncerConnectionString;

        // Separate data sources, as separate processes would have; the locks are held by connections that keep a
        // transaction open, which PgBouncer pins to one server connection each.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var own = SchemaDatabase.Create(throughPgBouncer);
            return await V2.Value.ApplyAsync(own);
        }));

        Assert.Single(results, r => !r.WasUpToDate);
        Assert.Equal(7, results.Count(r => r.WasUpToDate));
        Assert.Equal(1L, await Scalar.QueryAsync<long>(database.PrimaryConnectionString, "SELECT count(*) FROM schema_history"));
        await using var check = SchemaDatabase.Create(throughPgBouncer);
        Assert.True((await V2.Value.CompareAsync(check)).IsEmpty);
    }

    [Fact]
    public async Task V1_then_rows_then_V2_commits_the_enum_value_first_and_builds_the_index_concurrently()
    {
        await using var database = await fixture.Topology.CreateDatabaseAsync();
        await using var db = SchemaDatabase.Create(database.PgBouncerConnectionString);
        await V1.Value.ApplyAsync(db);
        await Scalar.ExecuteAsync(database.PgBouncerConnectionString, "INSERT INTO tasks (title, status) SELECT 'task ' || g, 'doing' FROM generate_series(1, 1000) g");

        var result = await V2.Value.ApplyAsync(db);

        Assert.StartsWith("ALTER TYPE \"status\" ADD VALUE IF NOT EXISTS 'blocked' AFTER 'doing';", result.Statements[0], StringComparison.Ordinal);
        Assert.Equal("CREATE INDEX CONCURRENTLY \"ix_tasks_status\" ON \"tasks\" (\"status\");", result.Statements[^1]);
        Assert.Equal("complete,enum values,changed,complete", await Scalar.QueryAsync<string>(database.PrimaryConnectionString, "SELECT string_agg(phase, ',' ORDER BY id) FROM schema_history"));
        Assert.True(await Scalar.QueryAsync<bool>(database.PrimaryConnectionString, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_tasks_status'::regclass"));
        Assert.Equal(1000L, await Scalar.QueryAsync<long>(database.PrimaryConnectionString, "SELECT count(*) FROM tasks WHERE review_state = 'blocked' AND rank = 3"));
        Assert.True((await V2.Value.CompareAsync(db)).IsEmpty);
        Assert.True((await V2.Value.ApplyAsync(db)).WasUpToDate);

        // The new value is usable at once through the pooler, by a data source that had loaded the types before.
        await Scalar.ExecuteAsync(database.PgBouncerConnectionString, "UPDATE tasks SET status = 'blocked' WHERE title = 'task 1'");
        Assert.Equal("blocked", await Scalar.QueryAsync<string>(database.PgBouncerConnectionString, "SELECT status::text FROM tasks WHERE title = 'task 1'"));
    }

    private sealed class IntReader : IRowReader<int>
    {
        public static readonly IntReader Instance = new();

        public int[] ResolveOrdinals(NpgsqlDataReader reader) => [0];

        public int Read(NpgsqlDataReader reader, int[] ordinals) => reader.GetInt32(0);
    }
}
