using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>Many processes applying at once, and a lock that is never released.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Eight_concurrent_appliers_on_an_empty_database_one_applies_the_rest_find_nothing_to_do()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Compile(Versions.V2);

        // Separate data sources, as separate processes would have.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var own = SchemaDatabase.Create(db.ConnectionString);
            return await model.ApplyAsync(own);
        }));

        Assert.Single(results, r => !r.WasUpToDate);
        Assert.Equal(7, results.Count(r => r.WasUpToDate));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM schema_history"));
        Assert.True((await model.CompareAsync(db.Database)).IsEmpty);
    }

    [Fact]
    public async Task A_lock_held_elsewhere_gives_a_clear_error_after_the_timeout()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Compile(Versions.V1);
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(" + 0x5343_4845_4D41_0001L + ")", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SchemaApplyException>(async () =>
            await model.ApplyAsync(db.Database, new ApplyOptions { ApplyLockTimeout = TimeSpan.FromMilliseconds(300) }));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Contains("waiting 0.3 s for another apply of the schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync();
        Assert.False((await model.ApplyAsync(db.Database)).WasUpToDate);
    }

    [Fact]
    public async Task Status_does_not_wait_behind_a_lock_another_session_holds_on_a_table()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Cached(Versions.V1);
        await model.ApplyAsync(db.Database);

        // What a long ALTER TABLE or VACUUM FULL elsewhere holds. The catalog read opens no table, so it is not queued behind it.
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await Scalar.ExecuteAsync(holder, "LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE");

        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(10));
        var status = await model.StatusAsync(db.Database, timeout.Token);

        Assert.True(status.IsUpToDate);
        Assert.True((await model.CompareAsync(db.Database, timeout.Token)).IsEmpty);
        await hold.RollbackAsync();
    }

    [Fact]
    public async Task The_apply_lock_is_held_across_the_enum_commit_so_another_applier_waits_until_the_whole_apply_is_done()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await ModelCompiler.Cached(Versions.V1).ApplyAsync(db.Database);
        var v2 = ModelCompiler.Cached(Versions.V2);

        // A reader holding tasks parks the first apply in its change transaction, after it committed the new enum value.
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await Scalar.ExecuteAsync(holder, "LOCK TABLE tasks IN ACCESS SHARE MODE");
        await using var first = SchemaDatabase.Create(db.ConnectionString);
        var applying = v2.ApplyAsync(first, new ApplyOptions { LockTimeout = TimeSpan.FromMilliseconds(200), LockRetries = 100 }).AsTask();
        await db.UntilAsync("SELECT count(*) FROM pg_enum WHERE enumlabel = 'blocked'");

        await using var second = SchemaDatabase.Create(db.ConnectionString);
        var waiting = v2.ApplyAsync(second).AsTask();
        await db.UntilAsync($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = {History.ApplyLockKey & 0xFFFF_FFFF}");
        Assert.False(waiting.IsCompleted);

        await hold.RollbackAsync();
        var results = await Task.WhenAll(applying, waiting);
        Assert.False(results[0].WasUpToDate);
        Assert.True(results[1].WasUpToDate);
        Assert.True((await v2.CompareAsync(db.Database)).IsEmpty);
    }
}
