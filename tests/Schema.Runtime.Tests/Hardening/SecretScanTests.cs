using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Hardening;

/// <summary>
/// Runs the paths that fail with a password in hand — a refused login, an unreachable or closed port, a malformed
/// URL, a constraint violation, a failed unit of work, a failed apply, the schema commands — with known passwords,
/// captures everything they produce (exception messages and ToString with inner exceptions and Data, Npgsql and
/// Schema logs at Trace, command output and error streams), and scans it all for those passwords.
/// </summary>
public sealed class SecretScanTests : IAsyncLifetime
{
    // Known, distinctive passwords: the right one for a real role, a wrong one, and one with URL-special characters.
    private const string RightPassword = "Right-Secret-4b7e91d2";
    private const string WrongPassword = "Wrong-Secret-0c5a83f6";
    private const string SpecialPassword = "p@ss:w/rd?#Secret-99%";

    private readonly string _role = "leak_probe_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _captured = [];
    private readonly CapturingLoggerFactory _logs = new();
    private TestPostgres _server = null!;
    private TestDatabase _database = null!;

    private static IEnumerable<string> Secrets => [RightPassword, WrongPassword, SpecialPassword, Uri.EscapeDataString(SpecialPassword)];

    public async Task InitializeAsync()
    {
        _server = await TestPostgres.SharedAsync();
        _database = await _server.CreateDatabaseAsync();
        await Scalar.ExecuteAsync(_server.ConnectionString, $"CREATE ROLE {_role} LOGIN SUPERUSER PASSWORD '{RightPassword}'");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Scalar.ExecuteAsync(_server.ConnectionString, $"DROP ROLE IF EXISTS {_role}");
    }

    [Fact]
    public async Task No_password_appears_in_any_message_log_or_command_output_of_the_failing_paths()
    {
        var port = new NpgsqlConnectionStringBuilder(_database.ConnectionString).Port;
        var right = Url(RightPassword, port, _database.Name);

        await CaptureFailureAsync("wrong password (URL)", () => OpenAsync(Url(WrongPassword, port, _database.Name)));
        await CaptureFailureAsync("wrong password (keywords)", () => OpenAsync($"Host=127.0.0.1;Port={port};Username={_role};Password={WrongPassword};Database={_database.Name}"));
        await CaptureFailureAsync("special password refused", () => OpenAsync(Url(SpecialPassword, port, _database.Name)));
        await CaptureFailureAsync("closed port", () => OpenAsync(Url(RightPassword, ClosedPort(), _database.Name)));
        await CaptureFailureAsync("unknown host", () => OpenAsync($"postgresql://{_role}:{RightPassword}@no-such-host.invalid:5432/db?connect_timeout=3"));
        await CaptureFailureAsync("missing database", () => OpenAsync(Url(RightPassword, port, "no_such_database")));
        await CaptureFailureAsync("malformed URL", () => OpenAsync($"postgresql://{_role}:{RightPassword}@127.0.0.1:notaport/db"));
        await CaptureFailureAsync("malformed option", () => OpenAsync(Url(RightPassword, port, _database.Name) + "?sslmode=sometimes"));
        await CaptureFailureAsync("malformed keywords", () => OpenAsync($"Host=127.0.0.1;Password={RightPassword};Port=x"));

        await using (var database = Create(right))
        {
            _captured.Add(database.ToString());
            _captured.Add(database.DisplayName);
            await global::Schema.ApplyAsync(database);
            var report = await database.CheckHealthAsync();
            _captured.Add(report.ToString() ?? string.Empty);

            await using (var session = await database.BeginAsync())
            {
                await session.Users().InsertAsync(new User { Email = "taken@example.com" });
                await session.CommitAsync();
            }

            await CaptureFailureAsync("unique violation in a unit of work", () => database.RunAsync(async (session, token) =>
                await session.Users().InsertAsync(new User { Email = "taken@example.com" }, token)).AsTask());
            await CaptureFailureAsync("foreign key violation", () => database.RunAsync(async (session, token) =>
                await session.ApiKeys().InsertAsync(new ApiKey { UserId = Guid.NewGuid(), Label = "x" }, token)).AsTask());
            await CaptureFailureAsync("syntax error in raw SQL", async () =>
            {
                await using var session = await database.BeginAsync();
                await session.ExecuteAsync($"SELEC {RightPassword}");
            });
            await CaptureFailureAsync("validation", () => database.RunAsync(async (session, token) =>
                await session.Users().InsertAsync(new User { Email = new string('x', 400) }, token)).AsTask());
        }

        await CaptureFailureAsync("apply with a wrong password", () => global::Schema.ApplyAsync(Url(WrongPassword, port, _database.Name)).AsTask());
        await CaptureFailureAsync("apply to a closed port", () => global::Schema.ApplyAsync(Url(RightPassword, ClosedPort(), _database.Name)).AsTask());
        await CaptureFailureAsync("unit of work against a closed port", async () =>
        {
            await using var database = Create(Url(RightPassword, ClosedPort(), _database.Name));
            await database.RunAsync((_, _) => ValueTask.CompletedTask);
        });

        foreach (var url in new[] { Url(WrongPassword, port, _database.Name), Url(RightPassword, ClosedPort(), _database.Name), $"postgresql://{_role}:{RightPassword}@127.0.0.1:notaport/db", right })
        {
            foreach (var command in new[] { "status", "plan", "apply" })
            {
                using var output = new StringWriter();
                using var error = new StringWriter();
                var environment = new Dictionary<string, string> { ["DATABASE_URL"] = url };
                var code = await SchemaCommands.RunAsync(["schema", command], global::Schema.Model, output, error, environment.GetValueOrDefault, default);
                _captured.Add($"schema {command} exited {code}\n{output}\n{error}");
            }
        }

        // The probes must have produced something to scan, or the scan proves nothing.
        Assert.True(_captured.Count >= 30, $"Only {_captured.Count} outputs were captured.");
        Assert.Contains(_captured, text => text.Contains("refused the login", StringComparison.Ordinal));
        Assert.NotEmpty(_logs.Lines);

        var everything = _captured.Concat(_logs.Lines).ToList();
        var leaks = (from text in everything from secret in Secrets where text.Contains(secret, StringComparison.Ordinal) select $"[{secret.Length} chars] in: {Redact(text)}").ToList();
        Assert.True(leaks.Count == 0, $"A password appeared in {leaks.Count} of {everything.Count} captured outputs:\n{string.Join("\n---\n", leaks.Take(5))}");
    }

    private SchemaDatabase Create(string connection) => SchemaDatabase.Create(connection, new SchemaDatabaseOptions
    {
        LoggerFactory = _logs,
        ConfigureDataSource = builder => builder.UseLoggerFactory(_logs),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Retry = new SchemaRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
    });

    private async Task OpenAsync(string connection)
    {
        await using var database = Create(connection);
        await using var opened = await database.OpenConnectionAsync();
    }

    private async Task CaptureFailureAsync(string what, Func<Task> action)
    {
        var error = await Record.ExceptionAsync(action);
        Assert.True(error is not null, $"'{what}' was expected to fail and did not.");
        _captured.Add($"{what}: {error}");
        for (var e = error; e is not null; e = e.InnerException)
        {
            _captured.Add(e.Message);
            _captured.AddRange(e.Data.Values.Cast<object?>().Select(v => v?.ToString() ?? string.Empty));
        }
    }

    private string Url(string password, int port, string database) =>
        $"postgresql://{_role}:{Uri.EscapeDataString(password)}@127.0.0.1:{port}/{database}";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Redact(string text) => Secrets.Aggregate(text, (current, secret) => current.Replace(secret, "<password>", StringComparison.Ordinal));
}
