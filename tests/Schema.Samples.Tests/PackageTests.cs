using System.Diagnostics;
using System.IO.Compression;
using Xunit;

namespace Schemata.Samples.Tests;

/// <summary>
/// The path a new user takes: the packages as <c>dotnet pack</c> makes them, added from a local feed to a project
/// that <c>dotnet new console</c> just created, one entity, build, run against PostgreSQL.
/// </summary>
public sealed class PackageTests
{
    // Shared is not a project: its files are compiled into the generator and the runtime (src/Shared/README.md).
    private static readonly string[] Projects = ["Schema.Attributes", "Schema.Generator", "Schema.CodeFixes", "Schema.Runtime", "Schema.Testing", "Shared"];

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task AFreshConsoleProjectBuildsAndRunsFromThePackedPackages()
    {
        var work = Directory.CreateTempSubdirectory("schema-packages-");
        try
        {
            // Pack a copy of the sources, so the packing neither reads nor writes this checkout's bin/ and obj/.
            var repo = Path.Combine(work.FullName, "repo");
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "src/README.md" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repo, file))!);
                File.Copy(Path.Combine(SampleProcess.RepositoryRoot, file), Path.Combine(repo, file));
            }

            foreach (var project in Projects)
            {
                CopySources(Path.Combine(SampleProcess.RepositoryRoot, "src", project), Path.Combine(repo, "src", project));
            }

            // New packages go to a packages folder of this run; everything already restored on the machine is read from
            // the usual one (a fallback folder), so nothing is downloaded twice and nothing is left behind. A version
            // unique to this run keeps any earlier package of the same id out of the way.
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{Path.Combine(work.FullName, "packages")}" />
                  </config>
                  <fallbackPackageFolders>
                    <add key="machine" value="{globalPackages}" />
                  </fallbackPackageFolders>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var package in new[] { "Schema.Generator", "Schema.Runtime", "Schema.Testing" })
            {
                await DotnetAsync(repo, "pack", $"src/{package}", "-c", "Release", "-o", feed, $"-p:Version={version}");
            }

            AssertPackageLayout(feed, version);

            // A brand-new project, as a user would make it.
            var app = Path.Combine(work.FullName, "app");
            await DotnetAsync(work.FullName, "new", "console", "-o", app, "-n", "FreshApp");
            await DotnetAsync(app, "add", "package", "Schema.Runtime", "--version", version);
            await DotnetAsync(app, "add", "package", "Schema.Testing", "--version", version);
            await File.WriteAllTextAsync(Path.Combine(app, "Note.cs"), """
                using Schemata;

                namespace FreshApp;

                [Table("notes")]
                public sealed class Note : Entity
                {
                    [MaxLength(100)]
                    public required string Title { get; set; }
                }
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
                using FreshApp;
                using Schemata;

                if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);

                await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } ? null : await TestPostgres.StartAsync();
                await using var database = server is null ? SchemaDatabase.FromEnvironment() : SchemaDatabase.Create(server.ConnectionString);
                Console.WriteLine($"apply: {await Schema.ApplyAsync(database)}");
                await using var session = await database.BeginAsync();
                var note = await session.Notes().InsertAsync(new Note { Title = "hello from the packages" });
                var read = await session.Notes().GetAsync(note.Id);
                Console.WriteLine($"read back: {read?.Title}");
                await session.CommitAsync();
                return 0;
                """);
            await DotnetAsync(app, "build", "-warnaserror");

            await using var database = await (await TestPostgres.SharedAsync()).CreateDatabaseAsync();
            var run = await DotnetAsync(app, new Dictionary<string, string> { ["DATABASE_URL"] = database.ConnectionString }, "run", "--no-build");
            Assert.Contains("apply: schema applied", run, StringComparison.Ordinal);
            Assert.Contains("read back: hello from the packages", run, StringComparison.Ordinal);
            var script = await DotnetAsync(app, "run", "--no-build", "--", "schema", "script");
            Assert.Contains("CREATE TABLE \"notes\"", script, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void AssertPackageLayout(string feed, string version)
    {
        static List<string> Entries(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith('_') && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal).ToList();
        }

        static string Nuspec(string path, string id)
        {
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
            return reader.ReadToEnd();
        }

        var generator = Path.Combine(feed, $"Schema.Generator.{version}.nupkg");
        Assert.Equal(
            [
                "README.md",
                "Schema.Generator.nuspec",
                "analyzers/dotnet/cs/Schema.Attributes.dll",
                "analyzers/dotnet/cs/Schema.CodeFixes.dll",
                "analyzers/dotnet/cs/Schema.CodeFixes.pdb",
                "analyzers/dotnet/cs/Schema.Generator.dll",
                "analyzers/dotnet/cs/Schema.Generator.pdb",
                "lib/netstandard2.0/Schema.Attributes.dll",
                "lib/netstandard2.0/Schema.Attributes.pdb",
                "lib/netstandard2.0/Schema.Attributes.xml",
            ],
            Entries(generator));
        foreach (var id in new[] { "Schema.Runtime", "Schema.Testing" })
        {
            var package = Path.Combine(feed, $"{id}.{version}.nupkg");
            Assert.Equal(["README.md", $"{id}.nuspec", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"], Entries(package));
            Assert.Contains($"lib/net10.0/{id}.pdb", Entries(Path.Combine(feed, $"{id}.{version}.snupkg")));
            var nuspec = Nuspec(package, id);
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        }

        Assert.Contains($"<dependency id=\"Schema.Generator\" version=\"{version}\" include=\"All\" />", Nuspec(Path.Combine(feed, $"Schema.Runtime.{version}.nupkg"), "Schema.Runtime"), StringComparison.Ordinal);
        Assert.Contains($"<dependency id=\"Schema.Runtime\" version=\"{version}\"", Nuspec(Path.Combine(feed, $"Schema.Testing.{version}.nupkg"), "Schema.Testing"), StringComparison.Ordinal);
        Assert.Contains("<license type=\"expression\">MIT</license>", Nuspec(generator, "Schema.Generator"), StringComparison.Ordinal);
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopySources(directory, Path.Combine(to, name));
            }
        }
    }

    private static Task<string> DotnetAsync(string directory, params string[] args) => DotnetAsync(directory, new Dictionary<string, string>(), args);

    private static async Task<string> DotnetAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean environment for the child: no database settings and no MSBuild state inherited from `dotnet test`.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DATABASE_", StringComparison.Ordinal) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
        return text;
    }
}
