using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests;

public sealed class CleanupTests
{
    [Fact]
    public async Task A_cluster_whose_owner_died_is_swept_by_the_next_process()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return;
        }

        var folder = server.Cluster!.Folder;
        var pid = folder.RunningPostmasterPid()!.Value;
        await File.WriteAllTextAsync(ClusterFolder.OwnerFile(folder.Path), ClusterFolder.OwnerStamp(int.MaxValue - 1, 0));

        var removed = StaleClusters.Sweep(ClusterFolder.Parent);

        Assert.True(removed >= 1);
        Assert.False(Directory.Exists(folder.Path));
        Assert.False(OsProcesses.IsAlive(pid));
    }

    [Fact]
    public async Task A_live_owners_cluster_is_left_alone()
    {
        var server = await TestPostgres.SharedAsync();
        if (server.Cluster is null)
        {
            return;
        }

        StaleClusters.Sweep(ClusterFolder.Parent);

        Assert.True(Directory.Exists(server.Cluster!.Folder.Path));
        Assert.Equal(1, await Scalar.QueryAsync<int>(server.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task An_owner_pid_reused_by_another_process_counts_as_dead()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return;
        }

        var folder = server.Cluster!.Folder;
        await File.WriteAllTextAsync(ClusterFolder.OwnerFile(folder.Path), ClusterFolder.OwnerStamp(Environment.ProcessId, 42));

        StaleClusters.Sweep(ClusterFolder.Parent);

        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public async Task The_watchdog_cleans_up_when_the_owner_process_is_gone()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null || OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = server.Cluster!.Folder;
        var pid = folder.RunningPostmasterPid()!.Value;

        server.Cluster.SimulateOwnerExit();

        Assert.True(await Eventually.TrueAsync(() => !Directory.Exists(folder.Path) && !OsProcesses.IsAlive(pid), TimeSpan.FromSeconds(15)));
    }
}
