using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Schemata;

/// <summary>Questions about other processes: is it alive, is it the one we think, stop it hard.</summary>
internal static class OsProcesses
{
    /// <summary>True when the process exists and is not a zombie waiting to be reaped.</summary>
    internal static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (Directory.Exists("/proc"))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text.LastIndexOf(')') is var close and > 0 && close + 2 < text.Length ? text[close + 2] : '?';
                return state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The process's start time in UTC ticks, or null when it does not exist.</summary>
    internal static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True when the process's command line mentions <paramref name="text"/> (Linux), or when that cannot be checked.</summary>
    internal static bool CommandLineContains(int pid, string text)
    {
        var path = $"/proc/{pid}/cmdline";
        if (!File.Exists(path))
        {
            return !Directory.Exists("/proc");
        }

        try
        {
            return File.ReadAllText(path).Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Kills the process and its descendants with SIGKILL and waits until it is gone.</summary>
    /// <remarks>
    /// Not <c>Process.Kill(entireProcessTree: true)</c>: that first sends SIGSTOP to the whole tree, and a parent
    /// outside the tree that watches it with WUNTRACED (runuser does) then stops itself for good and never reaps.
    /// </remarks>
    internal static void KillTree(int pid, TimeSpan wait)
    {
        if (!Directory.Exists("/proc"))
        {
            KillOne(pid, entireProcessTree: true);
            WaitUntilGone(pid, wait);
            return;
        }

        // Stopped first, the root starts no child between the listing and the kill: a server would otherwise start a
        // backend for a connection arriving meanwhile, which outlives it still attached to its shared memory and makes
        // the next start of the same data directory fail.
        Stop(pid);
        var victims = Descendants(pid);
        victims.Insert(0, pid);
        foreach (var victim in victims)
        {
            KillOne(victim, entireProcessTree: false);
        }

        // Every one of them, not only the root: a killed child that has not exited yet still holds what it held.
        foreach (var victim in victims)
        {
            WaitUntilGone(victim, wait);
        }
    }

    /// <summary>SIGSTOP, through the kill command (a stopped process still dies of SIGKILL).</summary>
    private static void Stop(int pid)
    {
        try
        {
            using var stop = Process.Start(new ProcessStartInfo("kill", ["-STOP", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true, UseShellExecute = false });
            stop?.WaitForExit(5000);
        }
        catch (Win32Exception)
        {
            // No kill command: the kill below is then only as good as the listing.
        }
    }

    private static void KillOne(int pid, bool entireProcessTree)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Every process below <paramref name="root"/>, from the parent PIDs in /proc.</summary>
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
                {
                    (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var child in children.GetValueOrDefault(current) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Waits until the process has exited (or is a zombie, which holds no resources any more).</summary>
    internal static bool WaitUntilGone(int pid, TimeSpan wait)
    {
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (IsAlive(pid))
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }
}
