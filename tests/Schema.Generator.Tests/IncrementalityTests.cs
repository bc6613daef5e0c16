using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

public sealed class IncrementalityTests
{
    private static readonly string[] Tracked =
    [
        TrackingNames.Entities, TrackingNames.EntityModels, TrackingNames.Enums, TrackingNames.Options, TrackingNames.Build, TrackingNames.Output,
    ];

    [Fact]
    public void A_second_run_on_the_same_compilation_reuses_every_step()
    {
        var compilation = GeneratorRunner.Compile(TestModelSources.Load());
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAll(second, Tracked, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_edit_in_a_file_without_entities_changes_no_output()
    {
        var compilation = GeneratorRunner.Compile(TestModelSources.Load().Append(("Other.cs", "public static class Other { public static int Value => 1; }")));
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, "Other.cs", "public static class Other { public static int Value => 2; }");
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, [TrackingNames.Entities, TrackingNames.EntityModels, TrackingNames.Enums, TrackingNames.Build, TrackingNames.Output], IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_trivia_edit_in_an_entity_file_regenerates_no_source()
    {
        var sources = TestModelSources.Load();
        var compilation = GeneratorRunner.Compile(sources);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);

        var users = sources.Single(s => s.Path.EndsWith("Users.cs", StringComparison.Ordinal));
        var edited = Replace(compilation, users.Path, users.Text.Replace("public bool IsAdmin", "// a comment\n    public bool IsAdmin", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Locations moved, so the models (which carry them for diagnostics) change; the source they produce does not.
        AssertAll(result, [TrackingNames.Output], IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_real_edit_in_an_entity_flows_to_the_output()
    {
        var sources = TestModelSources.Load();
        var compilation = GeneratorRunner.Compile(sources);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);

        var users = sources.Single(s => s.Path.EndsWith("Users.cs", StringComparison.Ordinal));
        var edited = Replace(compilation, users.Path, users.Text.Replace("public bool IsAdmin { get; set; }", "public bool IsAdmin { get; set; }\n\n    public int Age { get; set; }", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.EntityModels].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.Output].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"age\" integer NOT NULL", result.GeneratedSources.Single(s => s.HintName == "Schema.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorRunner.ParseOptions, path));
    }

    private static void AssertAll(GeneratorRunResult result, IEnumerable<string> steps, params IncrementalStepRunReason[] allowed)
    {
        foreach (var step in steps)
        {
            Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked");
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(allowed.Contains(output.Reason), $"step {step} output was {output.Reason}");
            }
        }
    }
}
