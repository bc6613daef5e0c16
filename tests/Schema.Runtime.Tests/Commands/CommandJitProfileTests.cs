using System;
using System.IO;
using Xunit;

namespace Schemata.Tests.Commands;

/// <summary>Where a <c>schema</c> command keeps its JIT profile, as <c>SCHEMA_JIT_PROFILE</c> says.</summary>
public sealed class CommandJitProfileTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    public void Off_turns_it_off(string setting)
        => Assert.Null(CommandJitProfile.Directory(name => name == CommandJitProfile.Variable ? setting : null));

    [Fact]
    public void Unset_it_is_a_directory_of_the_user_under_the_temporary_directory()
        => Assert.Equal(Path.Combine(Path.GetTempPath(), "schema-jit-" + Environment.UserName), CommandJitProfile.Directory(_ => null));

    [Fact]
    public void A_path_names_the_directory()
        => Assert.Equal("/var/cache/app-jit", CommandJitProfile.Directory(name => name == CommandJitProfile.Variable ? "/var/cache/app-jit" : null));
}
