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

/// <summary>SCH0020: adds <c>[Precision(18, 2)]</c> to a decimal property.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AddPrecisionCodeFix)), Shared]
public sealed class AddPrecisionCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DecimalWithoutPrecision);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        if (node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { } property)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Add [Precision(18, 2)]", ct => AddAsync(context.Document, property, ct), equivalenceKey: nameof(AddPrecisionCodeFix)),
                context.Diagnostics);
        }
    }

    private static async Task<Document> AddAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Precision"), SyntaxFactory.ParseAttributeArgumentList("(18, 2)"))))
            .WithLeadingTrivia(property.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(FixHelpers.NewLine(property)));
        var updated = property.WithLeadingTrivia(SyntaxFactory.Whitespace(FixHelpers.LineIndentation(property)));
        updated = updated.WithAttributeLists(updated.AttributeLists.Insert(0, attribute));
        return document.WithSyntaxRoot(root.ReplaceNode(property, updated));
    }
}
