using System;
using System.IO;

namespace Schemata;

/// <summary>
/// Decides which OS user runs the PostgreSQL tools: the current one, or <c>postgres</c> when running as root,
/// because initdb and postgres refuse root.
/// </summary>
internal static class OsUser
{
    internal const string PostgresUser = "postgres";

    /// <summary>The user to run the tools as, or null to run them as ourselves.</summary>
    internal static string? ToolsUser() => IsRoot() ? PostgresUser : null;

    internal static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>True when /etc/passwd lists <paramref name="user"/>.</summary>
    internal static bool Exists(string user)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                if (line.StartsWith(user + ":", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // No passwd file: let runuser report the problem.
            return true;
        }

        return false;
    }
}
