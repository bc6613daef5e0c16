using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Schemata.Tests.Sessions;
using Xunit;

namespace Schemata.Tests.Hosting;

/// <summary>The per-request session on a real Kestrel server: commit on success, rollback on a throw or an error status.</summary>
public sealed class RequestSessionTests(SessionDatabase fixture) : IClassFixture<SessionDatabase>
{
    private async Task<long> OwnersNamedAsync(string name) =>
        await Scalar.QueryAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM owners WHERE name = '{name}'");

    [Fact]
    public async Task A_request_commits_when_it_succeeds_and_rolls_back_when_it_throws_or_fails()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.AddSchemaDatabase(o => o.ConnectionString = fixture.ConnectionString);
        await using var app = builder.Build();
        app.MapPost("/owners/{id:int}/{name}/{outcome}", async (int id, string name, string outcome, SchemaSession session) =>
        {
            await session.ExecuteAsync($"INSERT INTO owners VALUES ({id}, {name})");
            return outcome switch
            {
                "throw" => throw new InvalidOperationException("the endpoint failed"),
                "missing" => throw SchemaNotFoundException.For("owner", id),
                "bad" => Results.BadRequest(),
                _ => Results.Ok(id),
            };
        });
        app.MapPost("/duplicate", async (SchemaSession session) =>
        {
            await session.ExecuteAsync($"INSERT INTO owners VALUES (1, 'dup')");
            return Results.Ok();
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/owners/200/req-ok/ok", null)).StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, (await http.PostAsync("/owners/201/req-throw/throw", null)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/owners/202/req-bad/bad", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/owners/203/req-missing/missing", null)).StatusCode);
            var conflict = await http.PostAsync("/duplicate", null);
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            var problem = await conflict.Content.ReadAsStringAsync();
            Assert.Contains("\"constraint\":\"owners_pkey\"", problem, StringComparison.Ordinal);
            Assert.Contains("\"columns\":[\"id\"]", problem, StringComparison.Ordinal);

            Assert.Equal(1L, await OwnersNamedAsync("req-ok"));
            Assert.Equal(0L, await OwnersNamedAsync("req-throw"));
            Assert.Equal(0L, await OwnersNamedAsync("req-bad"));
            Assert.Equal(0L, await OwnersNamedAsync("req-missing"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_statement_error_is_a_server_error_not_an_outage_whether_it_ran_in_a_unit_or_the_request_session()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.AddSchemaDatabase(o => o.ConnectionString = fixture.ConnectionString);
        await using var app = builder.Build();
        app.MapPost("/unit", async (SchemaDatabase db) =>
        {
            await db.RunAsync(async (session, ct) =>
            {
                await session.ExecuteAsync($"INSERT INTO owners VALUES (300, 'unit-divide')", ct);
                await session.ScalarAsync<int>($"SELECT 1 / 0", ct);
            });
            return Results.Ok();
        });
        app.MapPost("/request", async (SchemaSession session) =>
        {
            await session.ExecuteAsync($"INSERT INTO owners VALUES (301, 'request-divide')");
            await session.ScalarAsync<int>($"SELECT 1 / 0");
            return Results.Ok();
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            foreach (var path in new[] { "/unit", "/request" })
            {
                var response = await http.PostAsync(path, null);
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                Assert.False(response.Headers.Contains("Retry-After"), path);
            }

            Assert.Equal(0L, await OwnersNamedAsync("unit-divide"));
            Assert.Equal(0L, await OwnersNamedAsync("request-divide"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
