using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Schemata.TestModel;
using Schemata.Tests.Apply;
using Xunit;

namespace Schemata.Tests.ScaleOut;

/// <summary>
/// Reads from a streaming standby: sessions that ask for one get it (through the multi-host connection string), writes
/// there are refused, apply refuses a standby, and the replication lag is visible to the caller.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class ReplicaTests(TopologyFixture fixture)
{
    private const string ReadOnlyTransaction = "25006";

    private TestTopologyDatabase Database => fixture.Database;

    private int StandbyPort => new NpgsqlConnectionStringBuilder(Database.StandbyConnectionString).Port;

    [Fact]
    public async Task A_session_that_asks_for_a_standby_reads_there_and_cannot_write()
    {
        await using var db = SchemaDatabase.Create(Database.MultiHostConnectionString);
        var email = $"replicated-{Guid.NewGuid():N}@example.com";
        var user = await db.RunAsync(async (s, ct) => await s.Users().InsertAsync(new User { Email = email }, ct));
        await fixture.Topology.WaitForStandbyAsync();

        foreach (var target in new[] { SchemaSessionTarget.PreferStandby, SchemaSessionTarget.Standby })
        {
            await using var read = await db.BeginAsync(target);
            Assert.True(await read.ScalarAsync<bool>($"SELECT pg_is_in_recovery()"));
            Assert.Equal(StandbyPort, await read.ScalarAsync<int>($"SELECT inet_server_port()"));
            Assert.Equal(email, (await read.Users().GetAsync(user.Id))!.Email);
            Assert.True((await read.GetReplicationStateAsync()).IsStandby);

            var refused = await Assert.ThrowsAsync<PostgresException>(async () => await read.Users().InsertAsync(new User { Email = "no-" + email }));
            Assert.Equal(ReadOnlyTransaction, refused.SqlState);
        }

        // Writes, units of work and the default session go to the primary.
        await using var write = await db.BeginAsync();
        Assert.False(await write.ScalarAsync<bool>($"SELECT pg_is_in_recovery()"));
        Assert.False((await write.GetReplicationStateAsync()).IsStandby);
        Assert.True(await db.RunAsync(async (s, ct) => !await s.ScalarAsync<bool>($"SELECT pg_is_in_recovery()", ct)));
        Assert.True(await db.RunAsync(
            async (s, ct) => await s.ScalarAsync<bool>($"SELECT pg_is_in_recovery()", ct),
            new SchemaUnitOfWorkOptions { Target = SchemaSessionTarget.PreferStandby }));
    }

    [Fact]
    public async Task Replication_lag_is_visible_so_a_caller_can_choose_to_read_its_own_writes()
    {
        await using var db = SchemaDatabase.Create(Database.MultiHostConnectionString);
        await Scalar.ExecuteAsync(Database.StandbyConnectionString, "SELECT pg_wal_replay_pause()");
        try
        {
            var email = $"lagging-{Guid.NewGuid():N}@example.com";
            await db.RunAsync(async (s, ct) => await s.Users().InsertAsync(new User { Email = email }, ct));
            var written = (await db.GetReplicationStateAsync()).Position;

            await using (var read = await db.BeginAsync(SchemaSessionTarget.Standby))
            {
                var state = await read.GetReplicationStateAsync();
                Assert.True(state.IsStandby);
                Assert.False(state.HasReplayed(written), state.ToString());
                Assert.True(state.Position < written);
                Assert.NotNull(state.Lag);
                Assert.Null(await read.Users().GetByEmailAsync(email));
            }

            await Scalar.ExecuteAsync(Database.StandbyConnectionString, "SELECT pg_wal_replay_resume()");
            var replayed = await Eventually.TrueAsync(async () =>
            {
                await using var read = await db.BeginAsync(SchemaSessionTarget.Standby);
                return (await read.GetReplicationStateAsync()).HasReplayed(written);
            }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));

            Assert.True(replayed, "the standby never replayed the write");
            await using (var read = await db.BeginAsync(SchemaSessionTarget.Standby))
            {
                Assert.NotNull(await read.Users().GetByEmailAsync(email));
                var state = await read.GetReplicationStateAsync();
                Assert.InRange(state.LastReplayedCommitAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
                Assert.InRange(state.Lag!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
            }

            var primary = await db.GetReplicationStateAsync();
            Assert.False(primary.IsStandby);
            Assert.True(primary.HasReplayed(written));
            Assert.Equal(TimeSpan.Zero, primary.Lag);
        }
        finally
        {
            await Scalar.ExecuteAsync(Database.StandbyConnectionString, "SELECT pg_wal_replay_resume()");
        }
    }

    [Fact]
    public async Task Apply_refuses_a_standby_with_a_clear_error_and_changes_nothing()
    {
        await using var standby = SchemaDatabase.Create(Database.StandbyConnectionString);

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await global::Schema.ApplyAsync(standby));

        Assert.Equal(SchemaConnectionFailure.WrongServerRole, error.Failure);
        Assert.Contains("is a standby", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema changes cannot run there", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(Database.StandbyConnectionString).Password!, error.ToString(), StringComparison.Ordinal);

        // The command exits with 4 (configuration or connection) and says why.
        using (var output = new StringWriter())
        using (var errors = new StringWriter())
        {
            var environment = new Dictionary<string, string> { ["DATABASE_URL"] = Database.StandbyConnectionString };
            var code = await SchemaCommands.RunAsync(["schema", "apply"], global::Schema.Model, output, errors, environment.GetValueOrDefault, default);
            Assert.Equal(SchemaExitCodes.ConfigurationOrConnection, code);
            Assert.Contains("is a standby", errors.ToString(), StringComparison.Ordinal);
        }

        // A session that writes is refused the same way; one that reads may run there.
        var session = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await standby.BeginAsync());
        Assert.Equal(SchemaConnectionFailure.WrongServerRole, session.Failure);
        await using (var read = await standby.BeginAsync(SchemaSessionTarget.PreferStandby))
        {
            Assert.True(await read.ScalarAsync<bool>($"SELECT pg_is_in_recovery()"));
        }

        // The primary alone is no standby.
        await using var primary = SchemaDatabase.Create(Database.PrimaryConnectionString);
        var notStandby = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await primary.BeginAsync(SchemaSessionTarget.Standby));
        Assert.Equal(SchemaConnectionFailure.WrongServerRole, notStandby.Failure);

        // Through both hosts, apply finds the primary.
        await using var both = SchemaDatabase.Create(Database.MultiHostConnectionString);
        Assert.True((await global::Schema.ApplyAsync(both)).WasUpToDate);
    }

    [Fact]
    public async Task Apply_through_both_hosts_runs_on_the_primary_and_the_standby_follows()
    {
        await using var database = await fixture.Topology.CreateDatabaseAsync();
        await using var db = SchemaDatabase.Create(database.MultiHostConnectionString);
        await ModelCompiler.Compile(Versions.V1).ApplyAsync(db);
        await Scalar.ExecuteAsync(database.PrimaryConnectionString, "INSERT INTO tasks (title) SELECT 'task ' || g FROM generate_series(1, 100) g");

        var result = await ModelCompiler.Compile(Versions.V2).ApplyAsync(db);

        Assert.Equal("CREATE INDEX CONCURRENTLY \"ix_tasks_status\" ON \"tasks\" (\"status\");", result.Statements[^1]);
        await fixture.Topology.WaitForStandbyAsync();
        await using var read = await db.BeginAsync(SchemaSessionTarget.Standby);
        Assert.Equal("todo,doing,blocked,done", await read.ScalarAsync<string>($"SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'status'::regtype"));
        Assert.Equal(100L, await read.ScalarAsync<long>($"SELECT count(*) FROM tasks WHERE review_state = 'blocked'"));
        Assert.True(await read.ScalarAsync<bool>($"SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_tasks_status'::regclass"));
        Assert.Equal("complete", await read.ScalarAsync<string>($"SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task With_the_standby_down_prefer_standby_falls_back_to_a_read_only_primary()
    {
        await using var db = SchemaDatabase.Create(Database.MultiHostConnectionString);
        await fixture.Topology.Standby.StopAsync();
        try
        {
            await using (var read = await db.BeginAsync(SchemaSessionTarget.PreferStandby))
            {
                Assert.False(await read.ScalarAsync<bool>($"SELECT pg_is_in_recovery()"));
                var refused = await Assert.ThrowsAsync<PostgresException>(async () => await read.Users().InsertAsync(new User { Email = $"no-{Guid.NewGuid():N}@example.com" }));
                Assert.Equal(ReadOnlyTransaction, refused.SqlState);
            }

            var none = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await db.BeginAsync(SchemaSessionTarget.Standby));
            Assert.True(SchemaTransientErrors.IsTransient(none), none.Failure + ": " + none.Message);
        }
        finally
        {
            await fixture.Topology.Standby.RestartAsync();
            await fixture.Topology.WaitForStandbyAsync();
        }
    }
}
