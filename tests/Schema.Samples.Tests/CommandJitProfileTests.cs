using Xunit;

namespace Schemata.Samples.Tests;

/// <summary>
/// A <c>schema</c> command records which methods it compiled, so its next run compiles them ahead on a second core:
/// the profile is kept per app and command, in a directory only its user may write, and can be turned off.
/// </summary>
public sealed class CommandJitProfileTests
{
    [Fact]
    public async Task A_command_records_its_profile_per_app_and_command_in_a_private_directory()
    {
        var temp = Directory.CreateTempSubdirectory("schema-jit-test-");
        try
        {
            var directory = Path.Combine(temp.FullName, "profiles");
            var (exitCode, output, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = directory });

            Assert.Equal(0, exitCode);
            Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
            Assert.Equal(["PasteTrader.script.jitprofile"], Directory.GetFiles(directory).Select(Path.GetFileName));
            Assert.True(new FileInfo(Path.Combine(directory, "PasteTrader.script.jitprofile")).Length > 0);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task By_default_it_is_under_the_temporary_directory_and_off_writes_none_there()
    {
        var temp = Directory.CreateTempSubdirectory("schema-jit-test-");
        try
        {
            // The default directory is under the temporary directory, which TMPDIR moves: one for each run.
            var off = temp.CreateSubdirectory("off").FullName;
            var on = temp.CreateSubdirectory("on").FullName;
            var (exitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = "off", ["TMPDIR"] = off });
            var (defaultExitCode, _, _) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["TMPDIR"] = on });

            Assert.Equal(0, exitCode);
            Assert.Equal(0, defaultExitCode);
            Assert.Empty(Directory.GetFileSystemEntries(off));
            Assert.True(File.Exists(Path.Combine(on, "schema-jit-" + Environment.UserName, "PasteTrader.script.jitprofile")));
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

            var (exitCode, output, error) = await SampleProcess.RunAsync("PasteTrader", ["schema", "script"], new Dictionary<string, string?> { ["SCHEMA_JIT_PROFILE"] = Path.Combine(file, "profiles") });

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
