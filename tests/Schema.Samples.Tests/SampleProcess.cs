using System.Diagnostics;

namespace Schemata.Samples.Tests;

/// <summary>Runs a sample's built app the way a deploy step would: a separate process, configured by its environment.</summary>
public static class SampleProcess
{
    /// <summary>The repository root: the folder holding Schema.sln above the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs <c>dotnet samples/{sample}/bin/{configuration}/net10.0/{sample}.dll args…</c> and collects its output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string sample, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        // bin/<configuration>/net10.0/ of this test project, mirrored by the sample's own output folder.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "DATABASE_URL", "DATABASE_MIGRATE_URL", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "SCHEMA_CONFIRM_PRODUCTION", "SCHEMA_JIT_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Schema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Schema.sln not found above " + AppContext.BaseDirectory);
    }
}
