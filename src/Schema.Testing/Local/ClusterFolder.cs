using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;

namespace Schemata;

/// <summary>
/// The temp folder of one throwaway cluster (<c>/tmp/schema-testing/pg-&lt;pid&gt;-&lt;random&gt;</c>): data directory,
/// Unix socket, server log, and an <c>owner</c> file naming the process that started it, so a later process can
/// tell a crashed run's leftovers from a live neighbour's cluster.
/// </summary>
internal sealed class ClusterFolder
{
    private const string OwnerFileName = "owner";

    private ClusterFolder(string path)
    {
        Path = path;
    }

    /// <summary>
    /// The shared parent. As root it is always /tmp, which the postgres user can reach whatever TMPDIR says.
    /// </summary>
    internal static string Parent { get; } = System.IO.Path.Combine(
        OsUser.IsRoot() ? "/tmp" : System.IO.Path.GetTempPath(),
        "schema-testing");

    internal string Path { get; }

    internal string DataDirectory => System.IO.Path.Combine(Path, "data");

    internal string LogFile => System.IO.Path.Combine(Path, "server.log");

    internal string PostmasterPidFile => System.IO.Path.Combine(DataDirectory, "postmaster.pid");

    /// <summary>Creates a new, uniquely named folder owned by <paramref name="toolsUser"/> (or by us).</summary>
    internal static ClusterFolder Create(string? toolsUser)
    {
        EnsureParent();
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"pg-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var folder = new ClusterFolder(System.IO.Path.Combine(Parent, name));
        // Private to the server's user: the folder briefly holds the superuser password for initdb.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder.Path);
        }
        else
        {
            Directory.CreateDirectory(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(System.IO.Path.Combine(folder.Path, OwnerFileName), OwnerStamp(Environment.ProcessId, CurrentStartTicks()));
        if (toolsUser is not null)
        {
            var chown = ProcessRunner.Run("chown", [toolsUser, folder.Path], null, Parent, TimeSpan.FromSeconds(10));
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"Could not hand {folder.Path} to the '{toolsUser}' user: {chown.Output}");
            }
        }

        return folder;
    }

    /// <summary>Reads the PID of the running postmaster from postmaster.pid, if the server is up.</summary>
    internal int? RunningPostmasterPid() => ReadPostmasterPid(PostmasterPidFile) is { } pid && OsProcesses.IsAlive(pid) ? pid : null;

    internal static int? ReadPostmasterPid(string pidFile)
    {
        try
        {
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 0 && int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Deletes the folder, retrying briefly while a dying server still writes into it.</summary>
    internal static void Delete(string path)
    {
        for (var attempt = 0; attempt < 20 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                System.Threading.Thread.Sleep(25);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    internal static string OwnerStamp(int pid, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{pid} {startTicks}");

    internal static string OwnerFile(string folder) => System.IO.Path.Combine(folder, OwnerFileName);

    private static long CurrentStartTicks() => OsProcesses.StartTicks(Environment.ProcessId) ?? 0;

    /// <summary>The parent is shared by every user and process, like /tmp itself: world-writable and sticky.</summary>
    private static void EnsureParent()
    {
        if (Directory.Exists(Parent))
        {
            return;
        }

        Directory.CreateDirectory(Parent);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.SetUnixFileMode(Parent, UnixFileMode.StickyBit | (UnixFileMode)0b111_111_111);
            }
            catch (UnauthorizedAccessException)
            {
                // Created by someone else a moment ago.
            }
        }
    }
}
