using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Schemata.Generator.Building;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Emit;
using Schemata.Generator.Model;
using Schemata.Generator.Parsing;

namespace Schemata.Generator;

/// <summary>The pipeline: [Table] classes and [DbEnum] enums → equatable models → one resolved schema → Schema.g.cs.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Table,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.ValueText: not "struct" },
                static (ctx, ct) => EntityParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Entities);

        var entities = parsed
            .Where(static p => p.Value is not null)
            .Select(static (p, _) => p.Value!)
            .WithTrackingName(TrackingNames.EntityModels);

        var enums = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.DbEnum,
                static (node, _) => node is EnumDeclarationSyntax,
                static (ctx, _) => ParseEnum(ctx))
            .WithTrackingName(TrackingNames.Enums);

        var dataSteps = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.DataStep,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => DataStepParser.Parse(ctx, ct))
            .Where(static s => s is not null)
            .Select(static (s, _) => s!)
            .WithTrackingName(TrackingNames.DataSteps);

        var options = context.CompilationProvider
            .Select(static (compilation, _) => AssemblyOptionsReader.Read(compilation))
            .WithTrackingName(TrackingNames.Options);

        var build = entities.Collect()
            .Combine(enums.Where(static e => e.Value is not null).Select(static (e, _) => e.Value!).Collect())
            .Combine(dataSteps.Collect())
            .Combine(options)
            .Select(static (input, _) => SchemaBuilder.Build(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right.Value!))
            .WithTrackingName(TrackingNames.Build);

        var output = build
            .Combine(options)
            .Select(static (input, _) => new EmitInput(input.Left.Output, input.Right.Value!.HasRuntime))
            .WithTrackingName(TrackingNames.Output);

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics), Report);
        context.RegisterSourceOutput(enums.Select(static (e, _) => e.Diagnostics), Report);
        context.RegisterSourceOutput(options.Select(static (o, _) => o.Diagnostics), Report);
        context.RegisterSourceOutput(build.Select(static (b, _) => b.Diagnostics), Report);
        context.RegisterSourceOutput(output, static (spc, input) =>
        {
            if (input.Schema.Tables.Count == 0)
            {
                return;
            }

            if (!input.HasRuntime)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingRuntime, Location.None));
                return;
            }

            spc.AddSource(SchemaEmitter.HintName, SchemaEmitter.Emit(input.Schema));
            var hints = new System.Collections.Generic.HashSet<string>(System.StringComparer.OrdinalIgnoreCase) { SchemaEmitter.HintName };
            foreach (var entity in input.Schema.Entities)
            {
                spc.AddSource(UniqueHint(hints, EntityEmitter.HintName(entity), entity.FullTypeName), EntityEmitter.Emit(entity));
            }

            foreach (var mapping in input.Schema.EnumMappings)
            {
                spc.AddSource(UniqueHint(hints, mapping.MapperClass + ".Schema.g.cs", mapping.MapperName), EnumEmitter.Emit(mapping, input.Schema.Namespace));
            }
        });
    }

    private sealed record EmitInput(SchemaOutput Schema, bool HasRuntime);

    /// <summary>The hint name, or one made from the full type name when two types share a simple name.</summary>
    private static string UniqueHint(System.Collections.Generic.HashSet<string> used, string hint, string fullName)
    {
        if (used.Add(hint))
        {
            return hint;
        }

        var name = fullName.Replace("global::", string.Empty);
        var unique = name + ".Schema.g.cs";
        for (var i = 2; !used.Add(unique); i++)
        {
            unique = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".Schema.g.cs";
        }

        return unique;
    }

    private static Parsed<EnumModel> ParseEnum(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return new Parsed<EnumModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
        var model = EnumParser.Parse(type, diagnostics);
        return new Parsed<EnumModel>(model, diagnostics.ToEquatableArray());
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics)
        {
            var descriptor = DiagnosticDescriptors.Find(info.Id);
            if (descriptor is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, info.Location?.ToLocation() ?? Location.None, info.Arguments.Cast<object>().ToArray()));
            }
        }
    }
}
