using System;
using System.ComponentModel;
using System.Diagnostics;

namespace Schemata;

/// <summary>
/// A tiny shell process that outlives us if we are killed: it blocks reading a pipe only we hold open, so the
/// read returns the moment our process ends — however it ends — and then it stops the cluster (and a PgBouncer in
/// front of it) and deletes its folder. A normal dispose cleans up first and then closes the pipe, and the watchdog
/// finds nothing to do.
/// It ignores Ctrl+C, which reaches the whole process group, so that it outlives the test run it cleans up after.
/// </summary>
internal sealed class ClusterWatchdog
{
    private const string Script = """
        exec >/dev/null 2>&1
        trap '' INT HUP
        read -r line
        [ -d "$3" ] || exit 0
        bouncer=$(cat "$3/pgbouncer/pgbouncer.pid" 2>/dev/null)
        if [ -n "$bouncer" ] && grep -qF "$3" "/proc/$bouncer/cmdline" 2>/dev/null; then kill -9 "$bouncer"; fi
        if [ -f "$2/postmaster.pid" ]; then
          if [ -n "$4" ]; then runuser -u "$4" -- "$1" stop -D "$2" -m immediate -w -t 20
          else "$1" stop -D "$2" -m immediate -w -t 20
          fi
        fi
        rm -rf "$3"
        """;

    private readonly Process? _process;

    private ClusterWatchdog(Process? process)
    {
        _process = process;
    }

    /// <summary>Starts the watchdog; a platform without /bin/sh simply gets none.</summary>
    internal static ClusterWatchdog Start(ClusterFolder folder, PostgresBinaries binaries, string? toolsUser)
    {
        if (OperatingSystem.IsWindows())
        {
            return new ClusterWatchdog(null);
        }

        try
        {
            var process = ProcessRunner.Start(
                "/bin/sh",
                ["-c", Script, "schema-testing-watchdog", binaries.PgCtl, folder.DataDirectory, folder.Path, toolsUser ?? string.Empty],
                runAs: null,
                workingDirectory: "/");
            return new ClusterWatchdog(process);
        }
        catch (Win32Exception)
        {
            return new ClusterWatchdog(null);
        }
    }

    /// <summary>Lets the watchdog finish: call after the cluster is stopped and its folder deleted.</summary>
    internal void Release()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (InvalidOperationException)
        {
            // Already released.
        }

        _process.Dispose();
    }

    /// <summary>Closes the pipe without cleaning up first, as if our process had died; for tests.</summary>
    internal void SimulateOwnerExit() => Release();
}
