using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// The startup scenario's app (benchmarks/Schema.Benchmarks.Startup) published for a model of a given number of
/// tables (<see cref="StartupModelSource"/>): framework-dependent on the JIT, the same with ReadyToRun code, or
/// NativeAOT (<see cref="StartupBuild"/>). Each size gets an
/// assembly name and folders of its own, so two sizes load side by side; a publish is made once per run.
/// </summary>
public static class StartupApps
{
    private static readonly ConcurrentDictionary<(string Name, StartupBuild Build), string> Published = new();

    /// <summary>Where this run's apps go: beside BenchmarkDotNet's artifacts, or in a temporary folder for a dry run.</summary>
    public static string Root { get; set; } = Path.Combine(Path.GetTempPath(), "schema-startup-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The published app's main assembly (JIT, ReadyToRun) or executable (AOT), publishing it first if needed.</summary>
    public static string Get(int tables, StartupBuild build) => Get(AssemblyName(tables), StartupModelSource.For(tables), build);

    /// <summary>The app published under <paramref name="name"/> for the entities in <paramref name="source"/>, publishing it first if needed.</summary>
    public static string Get(string name, string source, StartupBuild build) => Published.GetOrAdd((name, build), key => Publish(key.Name, source, key.Build));

    /// <summary>The name the app for <paramref name="tables"/> tables is published under.</summary>
    public static string AssemblyName(int tables) => "Startup" + tables.ToString(CultureInfo.InvariantCulture);

    /// <summary>A process running the app: <c>dotnet app.dll</c> on the JIT, the executable under NativeAOT.</summary>
    public static ProcessStartInfo StartInfo(int tables, StartupBuild build, string mode, string connectionString)
        => StartInfo(Get(tables, build), build, connectionString, mode);

    /// <summary>A process running the published app at <paramref name="path"/> with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo StartInfo(string path, StartupBuild build, string connectionString, params string[] arguments)
    {
        var start = build == StartupBuild.NativeAot ? new ProcessStartInfo(path) : new ProcessStartInfo("dotnet") { ArgumentList = { path } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DATABASE_URL"] = connectionString;
        // The schema commands' JIT profile, kept with each build of each app.
        start.Environment["SCHEMA_JIT_PROFILE"] = Path.Combine(Path.GetDirectoryName(path)!, "jit-profile");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    private static string Publish(string name, string model, StartupBuild build)
    {
        var folder = Path.Combine(Root, name + build switch { StartupBuild.NativeAot => "-aot", StartupBuild.ReadyToRun => "-r2r", _ => "-jit" });
        Directory.CreateDirectory(folder);
        var source = Path.Combine(Root, name + ".cs");
        File.WriteAllText(source, model);
        var publish = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                "publish", "benchmarks/Schema.Benchmarks.Startup", "-c", "Release", "-o", folder,
                // Properties on the command line reach every referenced project too: these two only mean something to the app.
                // Sizes are published one after another through the app's one obj folder, each rebuilding from its own model.
                "-p:ModelSource=" + source, "-p:StartupName=" + name,
            },
        };
        if (build == StartupBuild.ReadyToRun)
        {
            publish.ArgumentList.Add("-r");
            publish.ArgumentList.Add("linux-x64");
            publish.ArgumentList.Add("--self-contained");
            publish.ArgumentList.Add("false");
            publish.ArgumentList.Add("-p:PublishReadyToRun=true");
        }

        if (build == StartupBuild.NativeAot)
        {
            publish.ArgumentList.Add("-r");
            publish.ArgumentList.Add("linux-x64");
            publish.ArgumentList.Add("-p:PublishAot=true");
        }

        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the startup app {name} failed ({process.ExitCode}):\n{output.Result}\n{error}");
        }

        return Path.Combine(folder, name + (build == StartupBuild.NativeAot ? string.Empty : ".dll"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Schema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The startup scenario publishes benchmarks/Schema.Benchmarks.Startup and needs the repository around the benchmark program.");
    }
}

/// <summary>How the startup app is published.</summary>
public enum StartupBuild
{
    /// <summary>Framework-dependent, compiled by the JIT as it runs.</summary>
    Jit,

    /// <summary>Framework-dependent with ReadyToRun code (<c>PublishReadyToRun</c>): the JIT only tiers it up later.</summary>
    ReadyToRun,

    /// <summary>NativeAOT: one native executable.</summary>
    NativeAot,
}
