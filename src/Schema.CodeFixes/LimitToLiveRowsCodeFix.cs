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

/// <summary>
/// SCH0021: sets <c>LiveRowsOnly = true</c> on a unique <c>[Index]</c>, or turns <c>[Unique(...)]</c> into
/// <c>[Index(..., Unique = true, LiveRowsOnly = true)]</c>, so deleted rows no longer block a value.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LimitToLiveRowsCodeFix)), Shared]
public sealed class LimitToLiveRowsCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UniqueCountsDeletedRows);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        if (node?.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
        {
            return;
        }

        var isUnique = SimpleName(attribute) is "Unique" or "UniqueAttribute";
        context.RegisterCodeFix(
            CodeAction.Create(
                isUnique ? "Use a unique index limited to live rows" : "Limit the unique index to live rows",
                ct => FixAsync(context.Document, attribute, isUnique, ct),
                equivalenceKey: nameof(LimitToLiveRowsCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> FixAsync(Document document, AttributeSyntax attribute, bool isUnique, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var kept = arguments.Where(a => !IsNamed(a, "LiveRowsOnly") && !(isUnique && IsNamed(a, "Unique"))).ToList();
        if (isUnique)
        {
            kept.Add(Named("Unique"));
        }

        kept.Add(Named("LiveRowsOnly"));
        var list = SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(kept, kept.Skip(1).Select(_ => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))));
        var updated = attribute.WithArgumentList(list);
        if (isUnique)
        {
            updated = updated.WithName(SyntaxFactory.IdentifierName("Index").WithTriviaFrom(attribute.Name));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(attribute, updated));
    }

    private static string SimpleName(AttributeSyntax attribute) => attribute.Name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => attribute.Name.ToString(),
    };

    private static bool IsNamed(AttributeArgumentSyntax argument, string name) => argument.NameEquals?.Name.Identifier.ValueText == name;

    private static AttributeArgumentSyntax Named(string name)
        => SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression("true"))
            .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
}
