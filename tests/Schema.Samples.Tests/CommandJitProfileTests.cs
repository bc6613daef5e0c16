using Xunit;

namespace Schemata.Samples.Tests;

/// <summary>
/// A <c>schema</c> command records which methods it compiled, so its next run compiles them ahead on a second core:
/// the profile is kept per app and command in the user's cache directory, and can be moved or turned off.
/// </summary>
public sealed class CommandJitProfileTests : IDisposable
{
    // The runtime records only on a machine of two or more cores unless told otherwise: the tests run anywhere.
    private const string MinimumCores = "DOTNET_MultiCoreJitMinNumCpus";

    // A directory of each test's own, removed after it.
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("schema-jit-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task A_command_records_its_profile_per_app_and_command_where_the_setting_says()
    {
        var directory = Path.Combine(_temp.FullName, "profiles");
        var (exitCode, output, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = directory, [MinimumCores] = "1" });

        Assert.Equal(0, exitCode);
        Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
        Assert.Equal(["PasteTrader.script.jitprofile"], Directory.GetFiles(directory).Select(Path.GetFileName));
        Assert.True(new FileInfo(Path.Combine(directory, "PasteTrader.script.jitprofile")).Length > 0);
    }

    [Fact]
    public async Task By_default_it_is_in_the_cache_directory_and_off_writes_none_there()
    {
        // One cache directory for each run.
        var off = _temp.CreateSubdirectory("off").FullName;
        var on = _temp.CreateSubdirectory("on").FullName;
        var (exitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = "off", ["XDG_CACHE_HOME"] = off, [MinimumCores] = "1" });
        var (defaultExitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = on, [MinimumCores] = "1" });

        Assert.Equal(0, exitCode);
        Assert.Equal(0, defaultExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(off));
        Assert.True(File.Exists(Path.Combine(on, "schema", "jit", "PasteTrader.script.jitprofile")));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_made_leaves_the_command_to_run_without_a_profile()
    {
        var file = Path.Combine(_temp.FullName, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");

        var (exitCode, output, error) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = Path.Combine(file, "profiles"), [MinimumCores] = "1" });

        Assert.Equal(0, exitCode);
        Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
        Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
    }
}
