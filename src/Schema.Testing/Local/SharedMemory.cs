using System;
using System.Globalization;
using System.IO;

namespace Schemata;

/// <summary>
/// A server killed with SIGKILL leaves its small System V shared memory segment behind; its id is on line 7 of
/// postmaster.pid. A clean shutdown removes it, so this is only needed after a kill.
/// </summary>
internal static class SharedMemory
{
    internal static void ReleaseLeftover(string postmasterPidFile)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(postmasterPidFile))
        {
            return;
        }

        try
        {
            var lines = File.ReadAllLines(postmasterPidFile);
            var parts = lines.Length >= 7 ? lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (parts.Length == 2 &&
                long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var key) &&
                int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var segment) &&
                IsUnattached(key, segment))
            {
                ProcessRunner.Run("ipcrm", ["-m", segment.ToString(CultureInfo.InvariantCulture)], null, "/", TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // No ipcrm, or the segment is already gone: nothing more to free.
        }
    }

    /// <summary>
    /// Only a segment with the same key and id and no process attached is ours to remove: ids get reused.
    /// </summary>
    private static bool IsUnattached(long key, int segment)
    {
        const string Table = "/proc/sysvipc/shm";
        if (!File.Exists(Table))
        {
            return false;
        }

        foreach (var line in File.ReadLines(Table))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > 6 &&
                long.TryParse(columns[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rowKey) && rowKey == key &&
                columns[1] == segment.ToString(CultureInfo.InvariantCulture))
            {
                return columns[6] == "0";
            }
        }

        return false;
    }
}
