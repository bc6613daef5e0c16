using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class ServerControlTests
{
    [Fact]
    public async Task Stop_restart_and_kill_keep_the_data_and_the_port()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return;
        }

        Assert.True(server.CanControlServer);
        var port = new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
        await using var database = await server.CreateDatabaseAsync();
        await Scalar.ExecuteAsync(database.ConnectionString, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (1)");

        await server.StopAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Scalar.QueryAsync<int>(database.ConnectionString, "SELECT 1"));

        await server.RestartAsync();
        Assert.Equal(port, new NpgsqlConnectionStringBuilder(server.ConnectionString).Port);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(1, await Scalar.QueryAsync<int>(database.ConnectionString, "SELECT v FROM kept"));

        await using var doomed = new NpgsqlConnection(database.ConnectionString);
        await doomed.OpenAsync();
        await Scalar.ExecuteAsync(database.ConnectionString, "CREATE TABLE created_just_before_the_crash (v int); INSERT INTO kept VALUES (2)");
        var unpooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        await using (var uncommitted = new NpgsqlConnection(unpooled))
        {
            await uncommitted.OpenAsync();
            await Scalar.ExecuteAsync(uncommitted, "BEGIN; INSERT INTO kept VALUES (3)");
            server.Kill();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => Scalar.QueryAsync<int>(doomed, "SELECT 1"));

        await server.RestartAsync();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(2L, await Scalar.QueryAsync<long>(database.ConnectionString, "SELECT count(*) FROM kept"));
        Assert.True(await Scalar.QueryAsync<bool>(database.ConnectionString, "SELECT to_regclass('created_just_before_the_crash') IS NOT NULL"));
    }

    [Fact]
    public async Task Private_servers_started_together_are_separate_and_dispose_removes_everything()
    {
        if (PostgresBinaries.FindNewest(null) is null)
        {
            return;
        }

        var started = await Task.WhenAll(PrivateServer.StartLocalAsync(), PrivateServer.StartLocalAsync());
        var (first, second) = (started[0]!, started[1]!);
        var folders = new[] { first.Cluster!.Folder, second.Cluster!.Folder };
        var pids = new[] { folders[0].RunningPostmasterPid()!.Value, folders[1].RunningPostmasterPid()!.Value };

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first.ConnectionString).Port, new NpgsqlConnectionStringBuilder(second.ConnectionString).Port);
        Assert.NotEqual(folders[0].Path, folders[1].Path);
        Assert.All(folders, folder => Assert.StartsWith(ClusterFolder.Parent, folder.Path, StringComparison.Ordinal));
        Assert.Equal(1, await Scalar.QueryAsync<int>(first.ConnectionString, "SELECT 1"));
        Assert.Equal(1, await Scalar.QueryAsync<int>(second.ConnectionString, "SELECT 1"));

        await first.DisposeAsync();
        await second.DisposeAsync();

        Assert.All(folders, folder => Assert.False(Directory.Exists(folder.Path)));
        Assert.All(pids, pid => Assert.False(OsProcesses.IsAlive(pid)));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await first.CreateDatabaseAsync());
    }
}
