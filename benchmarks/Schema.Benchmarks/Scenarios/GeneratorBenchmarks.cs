using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 9: the generator in process, the way the compiler drives it. <see cref="Cold"/> binds a new compilation
/// of <see cref="Entities"/> entity files (parsed once, outside the measurement) and runs a new driver over it;
/// <see cref="AfterUnrelatedEdit"/> re-runs a driver that has seen the project once, after an edit to a file that
/// declares no entity.
/// </summary>
[BenchmarkCategory("9 generator")]
[Infrastructure.WarmedUp(warmups: 15, iterations: 20, iterationMilliseconds: 1000)]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private ImmutableArray<MetadataReference> _references;
    private SyntaxTree[] _trees = [];
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;

    [ParamsSource(nameof(EntityCounts))]
    public int Entities { get; set; }

    /// <summary>100 and 500 entities; 10 in the dry run, which only proves the benchmark executes.</summary>
    public static IEnumerable<int> EntityCounts => Infrastructure.BenchmarkSettings.Dry ? [10] : [100, 500];

    [GlobalSetup]
    public void Setup()
    {
        _references = References();
        (_trees, _unrelated, _unrelatedEdited) = Sources(Entities);
        _compilation = CSharpCompilation.Create("Synthetic", _trees, _references, CompilationOptions);
        _warm = CreateDriver(track: false).RunGenerators(_compilation);
    }

    /// <summary>
    /// The floor under <see cref="Cold"/>: a generator that only finds the <c>[Table]</c> classes through
    /// <c>ForAttributeWithMetadataName</c> and produces nothing. What it costs (binding a new compilation's
    /// declarations and class attributes) any attribute-driven generator pays; <c>Cold</c> minus this is Schema's own.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int Floor()
    {
        var compilation = CSharpCompilation.Create("Synthetic", _trees, _references, CompilationOptions);
        var driver = CSharpGeneratorDriver.Create([new FloorGenerator().AsSourceGenerator()], parseOptions: ParseOptions).RunGenerators(compilation);
        return driver.GetRunResult().Results[0].GeneratedSources.Length;
    }

    [Benchmark]
    public int Cold()
    {
        var compilation = CSharpCompilation.Create("Synthetic", _trees, _references, CompilationOptions);
        var driver = CreateDriver(track: false).RunGenerators(compilation);
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark]
    public int AfterUnrelatedEdit()
    {
        var edited = _compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited);
        var driver = _warm.RunGenerators(edited);
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    /// <summary>
    /// Runs the generator over <paramref name="entities"/> entities, edits the unrelated file, runs it again with
    /// step tracking on, and describes every tracked step's outputs: the evidence for "fully cached".
    /// </summary>
    public static string DescribeCaching(int entities)
    {
        var (trees, unrelated, edited) = Sources(entities);
        var compilation = CSharpCompilation.Create("Synthetic", trees, References(), CompilationOptions);
        var driver = CreateDriver(track: true).RunGenerators(compilation);
        var first = driver.GetRunResult();
        var errors = first.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var generated = first.GeneratedTrees.Length;
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, edited));
        var result = driver.GetRunResult().Results[0];
        var reasons = result.TrackedSteps
            .Concat(result.TrackedOutputSteps)
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs.Select(output => (step.Key, output.Reason))))
            .GroupBy(pair => pair.Key + ": " + pair.Reason, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} ×{group.Count()}"));
        return string.Create(CultureInfo.InvariantCulture, $"{entities} entities → {generated} files, {errors} errors; after an unrelated edit: {string.Join(", ", reasons)}");
    }

    // The analyzer assembly the build copied beside this one: the generator exactly as the compiler loads it.
    private static readonly Type GeneratorType = Assembly
        .LoadFrom(Path.Combine(Path.GetDirectoryName(typeof(GeneratorBenchmarks).Assembly.Location)!, "generator", "Schema.Generator.dll"))
        .GetType("Schemata.Generator.SchemaGenerator", throwOnError: true)!;

    private static GeneratorDriver CreateDriver(bool track) =>
        CSharpGeneratorDriver.Create(
            [((IIncrementalGenerator)Activator.CreateInstance(GeneratorType)!).AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { typeof(TableAttribute).Assembly.Location, typeof(SchemaModel).Assembly.Location, typeof(Npgsql.NpgsqlConnection).Assembly.Location };
        return [.. platform.Concat(ours).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static (SyntaxTree[] Trees, SyntaxTree Unrelated, SyntaxTree Edited) Sources(int entities)
    {
        var trees = new List<SyntaxTree>(entities + 2)
        {
            CSharpSyntaxTree.ParseText("global using System;", ParseOptions, "Usings.cs"),
        };
        for (var i = 0; i < entities; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(EntitySource(i), ParseOptions, $"Record{i}.cs"));
        }

        var unrelated = CSharpSyntaxTree.ParseText("namespace Synthetic; internal static class Unrelated { public static int Value => 1; }", ParseOptions, "Unrelated.cs");
        var edited = CSharpSyntaxTree.ParseText("namespace Synthetic; internal static class Unrelated { public static int Value => 2; }", ParseOptions, "Unrelated.cs");
        trees.Add(unrelated);
        return ([.. trees], unrelated, edited);
    }

    private static string EntitySource(int i)
    {
        var parent = i == 0 ? string.Empty : $"[ForeignKey(typeof(Record{i - 1}), OnDelete = ReferentialAction.Cascade)] public Guid ParentId {{ get; set; }}";
        return $$"""
            using Schemata;

            namespace Synthetic;

            [Table("record{{i}}s")]
            [Index(nameof(Code), Unique = true)]
            [Index(nameof(Position))]
            public sealed class Record{{i}} : Entity
            {
                {{parent}}
                [MaxLength(40)] public string Code { get; set; } = "";
                [Length(1, 200)] public string Title { get; set; } = "";
                public string? Description { get; set; }
                public int Position { get; set; }
                [Precision(12, 2)] public decimal Amount { get; set; }
                public bool Enabled { get; set; }
                public DateTimeOffset? DueAt { get; set; }
            }
            """;
    }

    /// <summary>Finds every <c>[Table]</c> class and reads its name: the least an attribute-driven generator does.</summary>
    private sealed class FloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName("Schemata.TableAttribute", static (_, _) => true, static (target, _) => target.TargetSymbol.Name);
            context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
        }
    }
}
