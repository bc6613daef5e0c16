using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Schemata.Tests.Commands;

/// <summary>Where a <c>schema</c> command keeps its JIT profile, as <c>SCHEMA_JIT_PROFILE</c> and the user's cache directory say.</summary>
public sealed class CommandJitProfileTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData(" off ")]
    public void Off_turns_it_off(string setting)
        => Assert.Null(Resolve(new() { [CommandJitProfile.Variable] = setting, ["HOME"] = "/home/dev" }));

    [Fact]
    public void Unset_it_is_in_the_users_cache_directory()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "schema", "jit"), Resolve([]));
            return;
        }

        Assert.Equal(Path.Combine("/home/dev", ".cache", "schema", "jit"), Resolve(new() { ["HOME"] = "/home/dev" }));
        Assert.Equal(Path.Combine("/var/cache/dev", "schema", "jit"), Resolve(new() { ["XDG_CACHE_HOME"] = "/var/cache/dev", ["HOME"] = "/home/dev" }));
        Assert.Equal(Path.Combine("/home/dev", ".cache", "schema", "jit"), Resolve(new() { [CommandJitProfile.Variable] = "  ", ["XDG_CACHE_HOME"] = "relative", ["HOME"] = "/home/dev" }));
    }

    [Fact]
    public void Without_a_home_or_cache_directory_there_is_none()
    {
        Assert.False(OperatingSystem.IsWindows(), "On Windows the local application data folder is always there.");
        Assert.Null(Resolve([]));
        Assert.Null(Resolve(new() { ["HOME"] = "", ["XDG_CACHE_HOME"] = "not/rooted" }));
    }

    [Fact]
    public void A_path_names_the_directory_relative_to_the_working_directory()
        => Assert.Equal(Path.GetFullPath("profiles"), Resolve(new() { [CommandJitProfile.Variable] = " profiles ", ["HOME"] = "/home/dev" }));

    [Fact]
    public void A_directory_that_cannot_be_made_is_passed_over()
    {
        var file = Path.GetTempFileName();
        try
        {
            CommandJitProfile.Start(["schema", "script"], name => name == CommandJitProfile.Variable ? Path.Combine(file, "profiles") : null);
            Assert.True(File.Exists(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Resolve(Dictionary<string, string> environment) => CommandJitProfile.Directory(environment.GetValueOrDefault);
}
