using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Schemata;

/// <summary>
/// Lets the runtime compile a <c>schema</c> command's code on a second core. The first run of a command records which
/// methods it compiled (the runtime's multicore JIT, <see cref="ProfileOptimization"/>); later runs of the same app and
/// command compile them in the background ahead of use, which takes about a sixth off a cold <c>schema status</c>.
/// The profile lives in the user's cache directory (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, the local application
/// data folder on Windows), under <c>schema/jit</c>, named per app and command; the runtime ignores entries for
/// assemblies that have since changed. <c>SCHEMA_JIT_PROFILE=off</c> turns it off, a path puts it elsewhere; whatever
/// goes wrong (no home directory, a read-only file system) the command runs as it would without it.
/// </summary>
internal static class CommandJitProfile
{
    /// <summary>The variable that turns the profile off (<c>off</c>) or names the directory to keep it in.</summary>
    public const string Variable = "SCHEMA_JIT_PROFILE";

    /// <summary>Starts recording, and compiling ahead from an earlier recording, for the command <paramref name="args"/> name.</summary>
    public static void Start(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled)
        {
            // Native code compiled ahead of time: nothing to record.
            return;
        }

        try
        {
            if (Directory(environment) is not { } directory)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(directory);

            // One profile per command, since each runs different code; anything else (help, a typo) shares one.
            var command = args.Count > 1 && args[1] is "script" or "plan" or "apply" or "status" or "drop" ? args[1] : "other";
            var app = Assembly.GetEntryAssembly()?.GetName().Name ?? "app";
            ProfileOptimization.SetProfileRoot(directory);
            ProfileOptimization.StartProfile(string.Concat(app, ".", command, ".jitprofile"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            // An optimization only: the command runs without it.
        }
    }

    /// <summary>Where the profile is kept; <see langword="null"/> when it is turned off or there is no cache directory.</summary>
    internal static string? Directory(Func<string, string?> environment)
    {
        var setting = environment(Variable)?.Trim();
        if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(setting))
        {
            return Path.GetFullPath(setting);
        }

        var cache = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg
            : environment("HOME") is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache")
            : null;
        return string.IsNullOrEmpty(cache) ? null : Path.Combine(cache, "schema", "jit");
    }
}
