using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Sessions;

/// <summary>A private server, stopped and restarted while a unit of work is in the middle of its work.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_unit_cut_off_by_a_server_restart_is_retried_once_the_server_is_back_and_writes_its_row_once()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return; // no PostgreSQL binaries: nothing to stop and restart
        }

        await using var database = await server.CreateDatabaseAsync();
        await Scalar.ExecuteAsync(database.ConnectionString, "CREATE TABLE events (id uuid PRIMARY KEY, note text NOT NULL)");
        var options = new SchemaDatabaseOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Retry = new SchemaRetryOptions { MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
        };
        await using var db = SchemaDatabase.Create(database.ConnectionString, options);
        var id = Guid.NewGuid();
        var attempts = 0;
        var wroteOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serverStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var unit = db.RunAsync(async (session, ct) =>
        {
            await session.ExecuteAsync($"INSERT INTO events (id, note) VALUES ({id}, 'once')", ct);
            if (Interlocked.Increment(ref attempts) == 1)
            {
                wroteOnce.SetResult();
                await serverStopped.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }

            await session.ExecuteAsync($"UPDATE events SET note = note || '!' WHERE id = {id}", ct);
        }).AsTask();

        await wroteOnce.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await server.StopAsync();
        serverStopped.SetResult();
        await Task.Delay(300);
        await server.RestartAsync();
        await unit.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(attempts >= 2, $"expected a retry, saw {attempts} attempt(s)");
        // Read back through the database (which retries): the test's own pooled connections died with the server.
        var (count, note) = await db.RunAsync(async (session, ct) => (
            await session.ScalarAsync<long>($"SELECT count(*) FROM events", ct),
            await session.ScalarAsync<string>($"SELECT note FROM events WHERE id = {id}", ct)));
        Assert.Equal(1L, count);
        Assert.Equal("once!", note);
    }

    [Fact]
    public async Task A_server_that_stays_down_ends_in_a_connection_error_with_a_retry_suggestion_and_no_password()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return;
        }

        await using var database = await server.CreateDatabaseAsync();
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password!;
        var options = new SchemaDatabaseOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(1),
            Retry = new SchemaRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
        };
        await using var db = SchemaDatabase.Create(database.ConnectionString, options);
        var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unit = db.RunAsync(async (session, ct) =>
        {
            await down.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await session.ExecuteAsync($"SELECT 1", ct);
        }).AsTask();
        await Task.Delay(200);
        await server.StopAsync();
        down.SetResult();

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(() => unit);
        Assert.True(
            error.Failure is SchemaConnectionFailure.ConnectionLost or SchemaConnectionFailure.Unreachable,
            $"unexpected failure kind {error.Failure}: {error.Message}");
        Assert.Contains("etry", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);

        var health = await db.CheckHealthAsync(TimeSpan.FromSeconds(3));
        Assert.False(health.IsHealthy);
        Assert.StartsWith("error: ", health.Status, StringComparison.Ordinal);
        Assert.DoesNotContain(password, health.Status, StringComparison.Ordinal);
    }
}
