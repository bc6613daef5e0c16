using Xunit;

namespace Schemata.Samples.Tests;

/// <summary>
/// A <c>schema</c> command records which methods it compiled, so its next run compiles them ahead on a second core:
/// the profile is kept per app and command in the user's cache directory, and can be moved or turned off.
/// </summary>
public sealed class CommandJitProfileTests
{
    // The runtime records only on a machine of two or more cores unless told otherwise: the tests run anywhere.
    private const string MinimumCores = "DOTNET_MultiCoreJitMinNumCpus";

    [Fact]
    public async Task A_command_records_its_profile_per_app_and_command_where_the_setting_says()
    {
        var temp = Directory.CreateTempSubdirectory("schema-jit-test-");
        try
        {
            var directory = Path.Combine(temp.FullName, "profiles");
            var (exitCode, output, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = directory, [MinimumCores] = "1" });

            Assert.Equal(0, exitCode);
            Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
            Assert.Equal(["PasteTrader.script.jitprofile"], Directory.GetFiles(directory).Select(Path.GetFileName));
            Assert.True(new FileInfo(Path.Combine(directory, "PasteTrader.script.jitprofile")).Length > 0);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task By_default_it_is_in_the_cache_directory_and_off_writes_none_there()
    {
        var temp = Directory.CreateTempSubdirectory("schema-jit-test-");
        try
        {
            // One cache directory for each run.
            var off = temp.CreateSubdirectory("off").FullName;
            var on = temp.CreateSubdirectory("on").FullName;
            var (exitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = "off", ["XDG_CACHE_HOME"] = off, [MinimumCores] = "1" });
            var (defaultExitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = on, [MinimumCores] = "1" });

            Assert.Equal(0, exitCode);
            Assert.Equal(0, defaultExitCode);
            Assert.Empty(Directory.GetFileSystemEntries(off));
            Assert.True(File.Exists(Path.Combine(on, "schema", "jit", "PasteTrader.script.jitprofile")));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_directory_that_cannot_be_made_leaves_the_command_to_run_without_a_profile()
    {
        var temp = Directory.CreateTempSubdirectory("schema-jit-test-");
        try
        {
            var file = Path.Combine(temp.FullName, "a-file");
            await File.WriteAllTextAsync(file, "not a directory");

            var (exitCode, output, error) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = Path.Combine(file, "profiles"), [MinimumCores] = "1" });

            Assert.Equal(0, exitCode);
            Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, error);
            Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
