using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Schemata.CodeFixes;

/// <summary>SCH0019: replaces <c>DateTime</c> with <c>DateTimeOffset</c> in the property's type (<c>DateTime?</c>, arrays and lists too).</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(UseDateTimeOffsetCodeFix)), Shared]
public sealed class UseDateTimeOffsetCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DateTimeProperty);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        var property = node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>();
        if (property is null || !DateTimeNames(property.Type).Any())
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Use DateTimeOffset", ct => ReplaceAsync(context.Document, property.Type, ct), equivalenceKey: nameof(UseDateTimeOffsetCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> ReplaceAsync(Document document, TypeSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var replaced = type.ReplaceNodes(
            DateTimeNames(type),
            (original, _) => SyntaxFactory.IdentifierName("DateTimeOffset").WithTriviaFrom(original));
        return document.WithSyntaxRoot(root.ReplaceNode(type, replaced));
    }

    private static System.Collections.Generic.IEnumerable<IdentifierNameSyntax> DateTimeNames(TypeSyntax type)
        => type.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == "DateTime");
}
