using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.ScaleOut;

/// <summary>The test topology itself: a standby that replays the primary, PgBouncer pooling per transaction, cleanup.</summary>
public sealed class TopologyTests
{
    [Fact]
    public async Task The_standby_replays_the_primary_pgbouncer_pools_per_transaction_and_dispose_removes_everything()
    {
        var topology = await TestTopology.StartAsync();
        var folders = new[] { topology.PrimaryCluster.Folder.Path, topology.StandbyCluster.Folder.Path };
        var pgBouncerPid = PgBouncerPid(topology);
        try
        {
            await using var database = await topology.CreateDatabaseAsync();
            await Scalar.ExecuteAsync(database.PrimaryConnectionString, "CREATE TABLE replicated (v int); INSERT INTO replicated VALUES (42)");
            await topology.WaitForStandbyAsync();

            Assert.True(await Scalar.QueryAsync<bool>(database.StandbyConnectionString, "SELECT pg_is_in_recovery()"));
            Assert.Equal(42, await Scalar.QueryAsync<int>(database.StandbyConnectionString, "SELECT v FROM replicated"));
            Assert.Equal("streaming", await Scalar.QueryAsync<string>(database.PrimaryConnectionString, "SELECT state FROM pg_stat_replication"));
            await Assert.ThrowsAsync<PostgresException>(() => Scalar.ExecuteAsync(database.StandbyConnectionString, "INSERT INTO replicated VALUES (1)"));

            // Transaction pooling: a transaction keeps its server backend; another client's statement meanwhile gets another.
            await using var holder = new NpgsqlConnection(database.PgBouncerConnectionString);
            await holder.OpenAsync();
            await using var pinned = await holder.BeginTransactionAsync();
            var pinnedPid = await Scalar.QueryAsync<int>(holder, "SELECT pg_backend_pid()");
            await using var other = new NpgsqlConnection(database.PgBouncerConnectionString);
            await other.OpenAsync();
            Assert.NotEqual(pinnedPid, await Scalar.QueryAsync<int>(other, "SELECT pg_backend_pid()"));
            Assert.Equal(pinnedPid, await Scalar.QueryAsync<int>(holder, "SELECT pg_backend_pid()"));
            Assert.Equal(42, await Scalar.QueryAsync<int>(other, "SELECT v FROM replicated"));
        }
        finally
        {
            await topology.DisposeAsync();
        }

        Assert.All(folders, folder => Assert.False(Directory.Exists(folder)));
        Assert.False(OsProcesses.IsAlive(pgBouncerPid));
    }

    [Fact]
    public async Task When_the_owner_dies_the_watchdog_stops_pgbouncer_with_the_primary()
    {
        await using var topology = await TestTopology.StartAsync();
        var folder = topology.PrimaryCluster.Folder.Path;
        var pgBouncerPid = PgBouncerPid(topology);

        topology.PrimaryCluster.SimulateOwnerExit();

        Assert.True(await Eventually.TrueAsync(() => !Directory.Exists(folder) && !OsProcesses.IsAlive(pgBouncerPid), TimeSpan.FromSeconds(15)));
    }

    private static int PgBouncerPid(TestTopology topology) =>
        ClusterFolder.ReadPostmasterPid(Path.Combine(topology.PrimaryCluster.Folder.Path, PgBouncerProcess.FolderName, PgBouncerProcess.PidFileName))
        ?? throw new InvalidOperationException("PgBouncer wrote no pid file.");
}
