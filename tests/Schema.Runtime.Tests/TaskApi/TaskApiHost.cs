using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Schemata.Tests.TaskApi;

/// <summary>The TaskApi sample on a real Kestrel server bound to a free loopback port, with an HttpClient for it.</summary>
internal sealed class TaskApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TaskApiHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<TaskApiHost> StartAsync(string connectionString)
    {
        var app = global::TaskApi.TaskApiApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], connectionString);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TaskApiHost(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
