using System;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.TaskApi;

/// <summary>/readyz on a private server that is stopped under the running API.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_reports_the_reason_when_the_server_is_down_and_recovers_when_it_is_back()
    {
        await using var server = await PrivateServer.StartLocalAsync();
        if (server is null)
        {
            return;
        }

        await using var database = await server.CreateDatabaseAsync();
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password!;
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 2 }.ConnectionString;
        await using var host = await TaskApiHost.StartAsync(connectionString);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/readyz")).StatusCode);

        await server.StopAsync();
        var down = await host.Http.GetAsync("/readyz");
        var body = await down.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.StartsWith("error: ", body.GetProperty("postgres").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, body.GetRawText(), StringComparison.Ordinal);

        var write = await host.Http.PostAsJsonAsync("/users", new { email = "down@example.com", name = "Down" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.DoesNotContain(password, await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await server.RestartAsync();
        var ready = false;
        for (var i = 0; i < 20 && !ready; i++)
        {
            ready = (await host.Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
            if (!ready)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(ready, "/readyz did not recover after the restart");
    }
}
