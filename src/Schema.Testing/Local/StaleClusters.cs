using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Schemata;

/// <summary>
/// Removes clusters left behind by test processes that died without cleaning up: the owner recorded in the
/// folder is gone (or its PID now belongs to another process), so its server is stopped and its folder deleted.
/// </summary>
internal static class StaleClusters
{
    private static readonly TimeSpan HalfMadeAge = TimeSpan.FromHours(1);
    private static int s_swept;

    /// <summary>Sweeps the shared parent once per process; never throws.</summary>
    internal static void SweepOnce()
    {
        if (Interlocked.Exchange(ref s_swept, 1) == 0)
        {
            Sweep(ClusterFolder.Parent);
        }
    }

    /// <summary>Sweeps <paramref name="parent"/>; returns how many stale clusters were removed.</summary>
    internal static int Sweep(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(parent, "pg-*"))
        {
            try
            {
                if (IsStale(folder))
                {
                    PgBouncerProcess.StopLeftover(folder);
                    StopServer(Path.Combine(folder, "data"));
                    ClusterFolder.Delete(folder);
                    removed++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Someone else is cleaning the same folder, or it is not ours to touch.
            }
        }

        return removed;
    }

    /// <summary>Stops whatever server still runs on a data directory whose owner is gone, and frees its memory.</summary>
    internal static void StopServer(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (ClusterFolder.ReadPostmasterPid(pidFile) is { } pid &&
            OsProcesses.IsAlive(pid) &&
            OsProcesses.CommandLineContains(pid, dataDirectory))
        {
            OsProcesses.KillTree(pid, TimeSpan.FromSeconds(5));
        }

        SharedMemory.ReleaseLeftover(pidFile);
    }

    private static bool IsStale(string folder)
    {
        var ownerFile = ClusterFolder.OwnerFile(folder);
        if (!File.Exists(ownerFile) || !TryReadOwner(ownerFile, out var pid, out var startTicks))
        {
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > HalfMadeAge;
        }

        var actualStart = OsProcesses.StartTicks(pid);
        return actualStart is null || Math.Abs(actualStart.Value - startTicks) > TimeSpan.FromSeconds(2).Ticks;
    }

    private static bool TryReadOwner(string ownerFile, out int pid, out long startTicks)
    {
        var parts = File.ReadAllText(ownerFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        startTicks = 0;
        pid = 0;
        return parts.Length == 2 &&
               int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out pid) &&
               long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out startTicks);
    }
}
