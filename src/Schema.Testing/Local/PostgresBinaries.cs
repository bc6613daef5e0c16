using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Schemata;

/// <summary>An installed PostgreSQL: the folder holding initdb, pg_ctl, postgres and pg_basebackup, and its major version.</summary>
internal sealed record PostgresBinaries(string Directory, int MajorVersion)
{
    private static readonly string[] VersionPrefixes = ["postgresql@", "postgresql-", "pgsql-"];

    private static readonly string Suffix = OperatingSystem.IsWindows() ? ".exe" : string.Empty;

    internal string InitDb => Path.Combine(Directory, "initdb" + Suffix);

    internal string PgCtl => Path.Combine(Directory, "pg_ctl" + Suffix);

    internal string Postgres => Path.Combine(Directory, "postgres" + Suffix);

    internal string PgBaseBackup => Path.Combine(Directory, "pg_basebackup" + Suffix);

    /// <summary>
    /// The newest installation among <paramref name="directories"/>, or — when that is null — on PATH and in the
    /// usual install folders (<c>/usr/lib/postgresql/*/bin</c>, <c>/usr/pgsql-*/bin</c>, Homebrew, Windows).
    /// </summary>
    internal static PostgresBinaries? FindNewest(IReadOnlyList<string>? directories)
    {
        var candidates = directories ?? DefaultDirectories();
        return candidates
            .Select(Resolve)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(directory => new PostgresBinaries(directory, VersionOf(directory)))
            .OrderByDescending(binaries => binaries.MajorVersion)
            .FirstOrDefault();
    }

    private static List<string> DefaultDirectories()
    {
        var directories = new List<string>();
        directories.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        directories.AddRange(Glob("/usr/lib/postgresql", "*", "bin"));
        directories.AddRange(Glob("/usr", "pgsql-*", "bin"));
        directories.AddRange(Glob("/opt/homebrew/opt", "postgresql@*", "bin"));
        directories.AddRange(Glob("/usr/local/opt", "postgresql@*", "bin"));
        directories.Add("/usr/local/pgsql/bin");
        if (OperatingSystem.IsWindows())
        {
            var programFiles = Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles);
            directories.AddRange(Glob(Path.Combine(programFiles, "PostgreSQL"), "*", "bin"));
        }

        return directories;
    }

    private static IEnumerable<string> Glob(string parent, string pattern, string child) =>
        System.IO.Directory.Exists(parent)
            ? System.IO.Directory.EnumerateDirectories(parent, pattern).Select(directory => Path.Combine(directory, child))
            : [];

    /// <summary>
    /// The real folder of a usable installation: PATH often holds symlinks, and pg_ctl needs postgres beside it.
    /// </summary>
    private static string? Resolve(string directory)
    {
        try
        {
            var initDb = new FileInfo(Path.Combine(directory, "initdb" + Suffix));
            if (!initDb.Exists)
            {
                return null;
            }

            var real = initDb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initDb.FullName;
            var folder = Path.GetDirectoryName(real)!;
            return File.Exists(Path.Combine(folder, "pg_ctl" + Suffix)) && File.Exists(Path.Combine(folder, "postgres" + Suffix))
                ? folder
                : null;
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

    /// <summary>The major version from the install path (…/15/bin, postgresql@16, pgsql-17), else from pg_ctl --version.</summary>
    private static int VersionOf(string directory)
    {
        foreach (var part in directory.Split(Path.DirectorySeparatorChar).Reverse())
        {
            var number = part;
            foreach (var prefix in VersionPrefixes)
            {
                if (number.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    number = number[prefix.Length..];
                    break;
                }
            }

            if (int.TryParse(number.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var fromPath) && fromPath is >= 9 and < 100)
            {
                return fromPath;
            }
        }

        var result = ProcessRunner.Run(Path.Combine(directory, "pg_ctl" + Suffix), ["--version"], null, Path.GetTempPath(), TimeSpan.FromSeconds(10));
        var words = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var version = words.Length > 0 ? words[^1].Split('.')[0] : string.Empty;
        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
    }
}
