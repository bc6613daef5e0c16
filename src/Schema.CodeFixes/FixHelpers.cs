using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Schemata.CodeFixes;

/// <summary>Small syntax helpers the fixes share.</summary>
internal static class FixHelpers
{
    /// <summary>The node the diagnostic squiggles (the innermost node covering exactly its span), or null.</summary>
    public static async Task<SyntaxNode?> FindNodeAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || context.Span.End > root.FullSpan.End)
        {
            return null;
        }

        return root.FindNode(context.Span, getInnermostNodeForTie: true);
    }

    /// <summary>Whether <paramref name="typeName"/> (e.g. <c>Guid</c>) binds to a type at <paramref name="position"/> without a new using.</summary>
    public static async Task<bool> BindsAsync(Document document, int position, string typeName, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return false;
        }

        var info = model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(typeName), SpeculativeBindingOption.BindAsTypeOrNamespace);
        return info.Type is { TypeKind: not TypeKind.Error };
    }

    /// <summary>Adds <c>using System;</c> to the file unless a <c>System</c> type already binds at the node.</summary>
    public static async Task<SyntaxNode> EnsureSystemUsingAsync(Document document, SyntaxNode root, int position, string probeType, CancellationToken cancellationToken)
    {
        if (await BindsAsync(document, position, probeType, cancellationToken).ConfigureAwait(false)
            || root is not CompilationUnitSyntax unit
            || unit.Usings.Any(u => u.Name?.ToString() == "System"))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("System")).NormalizeWhitespace()
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(NewLine(unit)));
        return unit.WithUsings(unit.Usings.Insert(0, directive));
    }

    /// <summary>Inserts a member parsed from <paramref name="text"/> first or last in the type, indented like its siblings.</summary>
    public static TypeDeclarationSyntax InsertMember(TypeDeclarationSyntax type, string text, bool first)
    {
        var newLine = NewLine(type);
        var indentation = Indentation(type);
        var member = SyntaxFactory.ParseMemberDeclaration(text)!;
        if (first)
        {
            member = member.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.EndOfLine(newLine));
            return type.WithMembers(type.Members.Insert(0, member));
        }

        member = member.WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.Whitespace(indentation))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        return type.WithMembers(type.Members.Add(member));
    }

    /// <summary>The whitespace before a member's first token on its line.</summary>
    public static string LineIndentation(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1].ToString() : string.Empty;
    }

    /// <summary>The line ending the file already uses.</summary>
    public static string NewLine(SyntaxNode node)
    {
        var root = node.SyntaxTree.GetRoot();
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine.ToString() : "\n";
    }

    private static string Indentation(TypeDeclarationSyntax type)
        => type.Members.Count > 0 ? LineIndentation(type.Members[0]) : LineIndentation(type) + "    ";
}
