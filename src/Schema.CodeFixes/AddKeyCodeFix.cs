using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Schemata.CodeFixes;

/// <summary>SCH0001: adds <c>public Guid Id { get; set; }</c> as the entity's first member.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AddKeyCodeFix)), Shared]
public sealed class AddKeyCodeFix : CodeFixProvider
{
    private const string Title = "Add a key property 'Guid Id'";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.EntityWithoutKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var node = await FixHelpers.FindNodeAsync(context).ConfigureAwait(false);
        var type = node?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (type is null || type is RecordDeclarationSyntax { ParameterList: not null })
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, ct => AddKeyAsync(context.Document, type, ct), equivalenceKey: nameof(AddKeyCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> AddKeyAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        root = root.ReplaceNode(type, FixHelpers.InsertMember(type, "public Guid Id { get; set; }", first: true));
        root = await FixHelpers.EnsureSystemUsingAsync(document, root, type.SpanStart, "Guid", cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root);
    }
}
