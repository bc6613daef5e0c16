using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Schemata.Generator.Tests.Infrastructure;

/// <summary>Compiles sources in memory and runs the generator over them, the way the compiler does.</summary>
internal static class GeneratorRunner
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    /// <summary>The framework, attributes, runtime and Npgsql assemblies every test compilation references.</summary>
    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, bool withRuntime = true)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System;", ParseOptions, "Usings.cs"));
        var references = withRuntime
            ? References.Value
            : References.Value.Where(r => !string.Equals(Path.GetFileName(r.Display), "Schema.Runtime.dll", StringComparison.Ordinal)).ToImmutableArray();
        return CSharpCompilation.Create(
            "TestAssembly",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Compile(string source, bool withRuntime = true) => Compile([("Entities.cs", source)], withRuntime);

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new SchemaGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the updated compilation and the run result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { typeof(TableAttribute).Assembly.Location, typeof(SchemaModel).Assembly.Location, typeof(Npgsql.NpgsqlConnection).Assembly.Location };
        return platform.Concat(ours)
            .Where(p => !string.IsNullOrEmpty(p))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
