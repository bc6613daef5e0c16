using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime;

namespace Schemata;

/// <summary>
/// Lets the runtime compile a <c>schema</c> command's code on a second core. The first run of a command records which
/// methods it compiled (the runtime's multicore JIT, <see cref="ProfileOptimization"/>); later runs of the same app and
/// command compile them in the background ahead of use, which takes about a sixth off a cold <c>schema status</c>.
/// The profile lives in a directory of the user's own under the temporary directory, named per app and command; the
/// runtime ignores entries for assemblies that have since changed. <c>SCHEMA_JIT_PROFILE=off</c> turns it off; where
/// the directory cannot be made (a read-only file system) the command runs as it would without it.
/// </summary>
internal static class CommandJitProfile
{
    /// <summary>The variable that turns the profile off (<c>off</c>) or names the directory to keep it in.</summary>
    public const string Variable = "SCHEMA_JIT_PROFILE";

    /// <summary>Starts recording, and compiling ahead from an earlier recording, for the command <paramref name="args"/> name.</summary>
    public static void Start(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        // One profile per command, since each runs different code; anything else (help, a typo) shares one.
        var command = args.Count > 1 && args[1] is "script" or "plan" or "apply" or "status" or "drop" ? args[1] : "other";
        if (Directory(environment) is not { } directory)
        {
            return;
        }

        try
        {
            // Only its user may write it: under a shared temporary directory, nobody else chooses what is compiled ahead.
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var app = Assembly.GetEntryAssembly()?.GetName().Name ?? "app";
        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(string.Concat(app, ".", command, ".jitprofile"));
    }

    /// <summary>Where the profile is kept; <see langword="null"/> when it is turned off.</summary>
    internal static string? Directory(Func<string, string?> environment)
    {
        var setting = environment(Variable);
        if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.IsNullOrEmpty(setting) ? Path.Combine(Path.GetTempPath(), "schema-jit-" + Environment.UserName) : setting;
    }
}
