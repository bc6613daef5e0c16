using System;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.ScaleOut;

/// <summary>
/// The data-access, session and apply suites, run again with every database they make reached through PgBouncer in
/// transaction pooling mode: this test assembly in a process of its own, filtered to those suites, with
/// <c>TEST_DATABASE_URL</c> naming the bouncer. It runs alone, after the parallel tests, so the two runs do not share
/// the two cores.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed partial class SuiteThroughPgBouncerTests
{
    // The suites that talk to the server they are given. Left out: the test that restarts a server of its own; the one
    // that logs in as roles of its own, which PgBouncer's auth file does not list (docs/scale-out.md says what to set
    // for them); the cut-off tests, which find the apply's server connections by the client's application name,
    // which PgBouncer does not pass on to the connections it lends; and the test that counts a pool's server
    // connections by application name, which behind PgBouncer counts the bouncer's own pool, open by design.
    private const string Filter =
        "(FullyQualifiedName~Schemata.Tests.Data|FullyQualifiedName~Schemata.Tests.Sessions|FullyQualifiedName~Schemata.Tests.Apply)"
        + "&FullyQualifiedName!~The_app_role_can_read_and_write&FullyQualifiedName!~A_server_restart&FullyQualifiedName!~InterruptedApplyTests.Cut_off"
        + "&FullyQualifiedName!~Fifty_concurrent_units_over_a_pool_of_ten";

    [Fact]
    public async Task The_data_session_and_apply_suites_pass_through_pgbouncer_in_transaction_mode()
    {
        await using var topology = await TestTopology.StartAsync();
        Assert.True(topology.HasPgBouncer, "PgBouncer is not installed (.ci/run installs it).");
        await using var probe = await topology.CreateDatabaseAsync();
        var bouncer = new NpgsqlConnectionStringBuilder(probe.PgBouncerConnectionString) { Database = "postgres" }.ConnectionString;

        var run = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", typeof(SuiteThroughPgBouncerTests).Assembly.Location, "--filter", Filter },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        run.Environment["TEST_DATABASE_URL"] = bouncer;
        using var process = Process.Start(run)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = output + await error;

        var summary = Summary().Match(text);
        Assert.True(process.ExitCode == 0 && summary.Success, "The suites failed through PgBouncer:\n" + string.Join('\n', text.Split('\n').TakeLast(60)));
        Assert.Equal(0, int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) > 150, summary.Value);
    }

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex Summary();
}
