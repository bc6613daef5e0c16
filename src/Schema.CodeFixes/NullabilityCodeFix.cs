using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Schemata.CodeFixes;

/// <summary>
/// SCH0025: removes the <c>?</c> from a database-set timestamp; SCH0027: makes a foreign key property nullable so
/// <c>SET NULL</c> can clear it.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(NullabilityCodeFix)), Shared]
public sealed class NullabilityCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NullableAutoTimestamp, DiagnosticIds.SetNullOnRequiredColumn);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        if (node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } property)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.NullableAutoTimestamp && property.Type is NullableTypeSyntax nullable)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Make the type non-nullable", ct => ReplaceTypeAsync(context.Document, property.Type, nullable.ElementType.WithTriviaFrom(nullable), ct), equivalenceKey: nameof(NullabilityCodeFix) + ".Remove"),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticIds.SetNullOnRequiredColumn && property.Type is not NullableTypeSyntax)
            {
                var made = SyntaxFactory.NullableType(property.Type.WithoutTrivia()).WithTriviaFrom(property.Type);
                context.RegisterCodeFix(
                    CodeAction.Create("Make the foreign key nullable", ct => ReplaceTypeAsync(context.Document, property.Type, made, ct), equivalenceKey: nameof(NullabilityCodeFix) + ".Add"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceTypeAsync(Document document, TypeSyntax type, TypeSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(type, replacement));
    }
}
