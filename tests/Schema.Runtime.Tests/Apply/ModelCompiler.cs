using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Schemata.Generator;

namespace Schemata.Tests.Apply;

/// <summary>
/// Compiles a version of an entity set in-process, the way a build does: Roslyn plus the real generator, emitted to
/// an assembly, loaded, and its generated <c>Schema.Model</c> returned. Each call loads a fresh assembly, so two
/// versions of the same entities live side by side in one test.
/// </summary>
internal static class ModelCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<SchemaModel>> Compiled = new(StringComparer.Ordinal);

    /// <summary>The model of <paramref name="entities"/>, compiled once per test run (models are immutable).</summary>
    public static SchemaModel Cached(string entities)
        => Compiled.GetOrAdd(entities, source => new Lazy<SchemaModel>(() => Compile(source))).Value;

    public static SchemaModel Compile(string entities)
    {
        var assembly = Assembly.Load(Emit(entities));
        var schema = assembly.GetType("Schema") ?? throw new InvalidOperationException("The generator emitted no Schema class.");
        return (SchemaModel)schema.GetProperty("Model")!.GetValue(null)!;
    }

    /// <summary>Compiles <paramref name="entities"/> to an assembly file in <paramref name="folder"/>, for a process of its own to load.</summary>
    public static string CompileToFile(string entities, string folder)
    {
        var path = Path.Combine(folder, "Entities_" + Guid.NewGuid().ToString("N") + ".dll");
        File.WriteAllBytes(path, Emit(entities));
        return path;
    }

    private static byte[] Emit(string entities)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(entities, ParseOptions, "Entities.cs"),
            CSharpSyntaxTree.ParseText("global using System; global using Schemata;", ParseOptions, "Usings.cs"),
        };
        var compilation = CSharpCompilation.Create(
            "Entities_" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new SchemaGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var errors = generatorDiagnostics.Concat(emitted.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emitted.Success || errors.Count > 0)
        {
            throw new InvalidOperationException("The entity set does not compile:\n" + string.Join("\n", errors));
        }

        return stream.ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { typeof(TableAttribute).Assembly.Location, typeof(SchemaModel).Assembly.Location, typeof(Npgsql.NpgsqlConnection).Assembly.Location };
        return [.. platform.Concat(ours)
            .Where(p => !string.IsNullOrEmpty(p))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
