using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>Diagnostics travel on their own pipeline: typing elsewhere re-runs nothing, and moved code moves its squiggles.</summary>
public sealed class DiagnosticIncrementalityTests
{
    private static readonly string Mistakes = File.ReadAllText(Path.Combine(ThisDirectory(), "Mistakes", "Shop.cs"));

    [Fact]
    public void Typing_in_a_file_without_entities_reruns_no_step_and_keeps_every_diagnostic()
    {
        var compilation = GeneratorRunner.Compile([("Mistakes/Shop.cs", Mistakes), ("Other.cs", "public static class Other { public static int Value => 1; }")]);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        var before = DiagnosticText.Format(driver.GetRunResult().Diagnostics);

        var edited = Replace(compilation, "Other.cs", "public static class Other { public static int Value => 2; }");
        var result = driver.RunGenerators(edited).GetRunResult();

        // Every step the generator names (whatever TrackingNames holds), not Roslyn's internal ones.
        var named = typeof(TrackingNames).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        var steps = result.Results.Single().TrackedSteps.Where(s => named.Contains(s.Key)).ToList();
        Assert.NotEmpty(steps);
        foreach (var (step, runs) in steps)
        {
            Assert.All(runs.SelectMany(r => r.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output was {o.Reason}"));
        }

        Assert.Equal(before, DiagnosticText.Format(result.Diagnostics));
    }

    [Fact]
    public void A_line_added_above_an_entity_moves_its_diagnostics_with_it()
    {
        var compilation = GeneratorRunner.Compile([("Mistakes/Shop.cs", Mistakes)]);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().Diagnostics.Single(d => d.Id == "SCH0001").Location.GetLineSpan().StartLinePosition.Line;

        var edited = Replace(compilation, "Mistakes/Shop.cs", "// a new first line\n" + Mistakes);
        var (output, result) = (edited, driver.RunGenerators(edited).GetRunResult());
        var moved = result.Diagnostics.Single(d => d.Id == "SCH0001");

        Assert.Equal(before + 1, moved.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("Note", DiagnosticText.Squiggled(moved, output));
    }

    [Fact]
    public void Fixing_a_mistake_removes_its_diagnostic_on_the_next_run()
    {
        var compilation = GeneratorRunner.Compile([("Mistakes/Shop.cs", Mistakes)]);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "SCH0019");

        var edited = Replace(compilation, "Mistakes/Shop.cs", Mistakes.Replace("public DateTime LastSeen", "public DateTimeOffset LastSeen", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult();

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SCH0019");
        Assert.Contains(result.Diagnostics, d => d.Id == "SCH0020");
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorRunner.ParseOptions, path));
    }

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
