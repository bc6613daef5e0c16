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
/// SCH0009: on <c>[SoftDelete]</c> without a deleted-at property, adds <c>public DateTimeOffset? DeletedAt { get; set; }</c>;
/// on a deleted-at property of the wrong type, changes its type to <c>DateTimeOffset?</c>.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AddDeletedAtCodeFix)), Shared]
public sealed class AddDeletedAtCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SoftDeleteWithoutDeletedAt);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        if (node?.FirstAncestorOrSelf<AttributeSyntax>() is not null && node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Add a 'DateTimeOffset? DeletedAt' property", ct => AddPropertyAsync(context.Document, type, ct), equivalenceKey: nameof(AddDeletedAtCodeFix) + ".Add"),
                context.Diagnostics);
        }
        else if (node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { } property)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Make the type 'DateTimeOffset?'", ct => ChangeTypeAsync(context.Document, property, ct), equivalenceKey: nameof(AddDeletedAtCodeFix) + ".Type"),
                context.Diagnostics);
        }
    }

    private static async Task<Document> AddPropertyAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        root = root.ReplaceNode(type, FixHelpers.InsertMember(type, "public DateTimeOffset? DeletedAt { get; set; }", first: false));
        root = await FixHelpers.EnsureSystemUsingAsync(document, root, type.SpanStart, "DateTimeOffset", cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root);
    }

    private static async Task<Document> ChangeTypeAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var type = SyntaxFactory.ParseTypeName("DateTimeOffset?").WithTriviaFrom(property.Type);
        root = root.ReplaceNode(property.Type, type);
        root = await FixHelpers.EnsureSystemUsingAsync(document, root, property.SpanStart, "DateTimeOffset", cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root);
    }
}
