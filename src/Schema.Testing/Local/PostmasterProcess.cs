using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// Starts the postmaster as a child of this process and waits until it is ready.
/// </summary>
/// <remarks>
/// <c>pg_ctl start</c> daemonizes the postmaster, so when it stops, whatever runs as PID 1 must reap it; many
/// containers' PID 1 does so late or never, leaving <c>[postgres] &lt;defunct&gt;</c> behind. Started under a small
/// shell, the postmaster is reaped by that shell the moment it exits, even when this process is gone by then.
/// pg_ctl still stops it. Windows, without /bin/sh, uses <c>pg_ctl start</c>.
/// </remarks>
internal sealed class PostmasterProcess : IDisposable
{
    // No exec: the shell stays as the postmaster's parent and reaps it even after this process is gone.
    private const string Launcher = "log=\"$1\"; shift; \"$@\" >>\"$log\" 2>&1 </dev/null";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process? _parent;

    private PostmasterProcess(Process? parent)
    {
        _parent = parent;
    }

    /// <summary>The started server, or null and the server's complaint when it did not come up.</summary>
    internal static async ValueTask<(PostmasterProcess? Server, string Output)> StartAsync(
        PostgresBinaries binaries,
        ClusterFolder folder,
        int port,
        string? toolsUser,
        CancellationToken cancellationToken)
    {
        var logStart = LogTail.End(folder.LogFile);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (OperatingSystem.IsWindows())
        {
            var result = await ProcessRunner.RunAsync(
                binaries.PgCtl,
                ["start", "-D", folder.DataDirectory, "-l", folder.LogFile, "-w", "-t", "60", "-s", "-o", "-p " + portText],
                toolsUser,
                folder.Path,
                StartLimit,
                cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? (new PostmasterProcess(null), string.Empty) : (null, $"{result.Output} {LogTail.Since(folder.LogFile, logStart)}".Trim());
        }

        var parent = ProcessRunner.Start(
            "/bin/sh",
            ["-c", Launcher, "postgres-launcher", folder.LogFile, binaries.Postgres, "-D", folder.DataDirectory, "-p", portText],
            toolsUser,
            folder.Path);
        var clock = Stopwatch.StartNew();
        while (!IsReady(folder))
        {
            if (parent.HasExited || clock.Elapsed > StartLimit)
            {
                var output = parent.HasExited ? LogTail.Since(folder.LogFile, logStart) : $"not ready within {StartLimit.TotalSeconds:0} s. {LogTail.Since(folder.LogFile, logStart)}";
                ProcessRunner.TryKill(parent);
                parent.Dispose();
                return (null, output);
            }

            try
            {
                await Task.Delay(15, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ProcessRunner.TryKill(parent);
                parent.Dispose();
                throw;
            }
        }

        return (new PostmasterProcess(parent), string.Empty);
    }

    /// <summary>Lets go of the server's parent process once the server has been stopped or killed.</summary>
    public void Dispose()
    {
        if (_parent is null)
        {
            return;
        }

        _parent.WaitForExit(TimeSpan.FromSeconds(5));
        _parent.Dispose();
    }

    /// <summary>PostgreSQL 10+ writes "ready" on line 8 of postmaster.pid once it accepts connections.</summary>
    private static bool IsReady(ClusterFolder folder)
    {
        try
        {
            using var stream = new FileStream(folder.PostmasterPidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return lines.Length >= 8 && lines[7].Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
