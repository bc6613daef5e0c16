using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Schemata;

/// <summary>
/// Compares a model's default expression with PostgreSQL's rendering of it (<c>pg_get_expr</c>), which adds casts
/// to literals (<c>'medium'::priority</c>) and quotes negative numbers (<c>'-1'::integer</c>). Used only where no
/// apply recorded PostgreSQL's rendering of the model's text (see <see cref="Manifest"/>), which is exact.
/// </summary>
internal static partial class DefaultExpressions
{
    public static bool Same(string? model, string? catalog)
    {
        if (model is null || catalog is null)
        {
            return model is null && catalog is null;
        }

        return string.Equals(Canonical(model), Canonical(catalog), StringComparison.Ordinal);
    }

    /// <summary>The names of the functions an expression calls (outside string literals), lower case.</summary>
    public static List<string> FunctionNames(string expression)
    {
        var names = new List<string>();
        foreach (Match match in FunctionCall().Matches(StringLiteral().Replace(expression, "''")))
        {
            var name = match.Groups["name"].Value.ToLowerInvariant();
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string Canonical(string expression)
    {
        var text = expression.Trim();
        while (text.StartsWith('(') && text.EndsWith(')') && Balanced(text[1..^1]))
        {
            text = text[1..^1].Trim();
        }

        text = LiteralCast().Replace(text, "${literal}");
        if (text.Length > 1 && text[0] == '\'' && text[^1] == '\'' && NumberLiteral().IsMatch(text[1..^1]))
        {
            text = text[1..^1];
        }

        return Whitespace().Replace(text, string.Empty).ToLowerInvariant();
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    [GeneratedRegex("""(?<literal>'(?:[^']|'')*')::[a-zA-Z_"][\w ."]*(?:\(\d+(?:,\d+)?\))?(?:\[\])*(?=$|[\s),])""")]
    private static partial Regex LiteralCast();

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(""")]
    private static partial Regex FunctionCall();

    [GeneratedRegex("""'(?:[^']|'')*'""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("""^-?\d+(\.\d+)?$""")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex("""\s+""")]
    private static partial Regex Whitespace();
}
