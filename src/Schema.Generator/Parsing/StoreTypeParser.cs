using System.Collections.Generic;
using System.Text;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Parsing;

/// <summary>
/// Reads the type a user writes in <c>[Column(Type = "…")]</c> into a <see cref="StoreType"/>, once, at compile time:
/// <c>character varying(20)</c> → <c>varchar</c> with modifier <c>20</c>, <c>timestamp(3) with time zone</c> →
/// <c>timestamptz</c> with <c>3</c>, <c>int4[]</c> → an array of <c>int4</c>, <c>public.citext</c> → <c>citext</c>
/// in <c>public</c>. The runtime then compares parts with the catalog and never reads type text back.
/// </summary>
internal static class StoreTypeParser
{
    /// <summary>Parses <paramref name="text"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static StoreType? Parse(string text, out string? error)
    {
        error = null;
        var rest = text.Trim();
        var isArray = false;
        while (true)
        {
            if (rest.EndsWith("]", System.StringComparison.Ordinal) && rest.LastIndexOf('[') is var open and > 0
                && IsDigits(rest.Substring(open + 1, rest.Length - open - 2)))
            {
                rest = rest.Substring(0, open).TrimEnd();
                isArray = true;
            }
            else if (rest.Length > 6 && rest.EndsWith(" array", System.StringComparison.OrdinalIgnoreCase))
            {
                rest = rest.Substring(0, rest.Length - 6).TrimEnd();
                isArray = true;
            }
            else
            {
                break;
            }
        }

        string? modifiers = null;
        var paren = IndexOutsideQuotes(rest, '(');
        if (paren >= 0)
        {
            var close = rest.IndexOf(')', paren);
            if (close < 0)
            {
                error = "'" + text + "' has an unclosed '('";
                return null;
            }

            modifiers = RemoveWhitespace(rest.Substring(paren + 1, close - paren - 1));
            if (modifiers.Length == 0 || modifiers.IndexOf('(') >= 0)
            {
                error = "'" + text + "' has empty or nested type modifiers";
                return null;
            }

            rest = (rest.Substring(0, paren).TrimEnd() + " " + rest.Substring(close + 1).Trim()).Trim();
        }

        var parts = NameParts(rest, out var quoted);
        if (parts is null || parts.Count is 0 or > 2)
        {
            error = "'" + text + "' is not a type name";
            return null;
        }

        var schema = parts.Count == 2 ? parts[0] : null;
        var name = parts[parts.Count - 1];
        if (schema == "pg_catalog")
        {
            schema = null;
        }

        if (schema is null && !quoted && BuiltInTypes.CatalogName(name) is { } builtIn)
        {
            name = builtIn;
        }
        else if (!quoted && name.IndexOf(' ') >= 0)
        {
            error = "'" + text + "' is not a type PostgreSQL knows";
            return null;
        }

        if (schema is null && name is "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2")
        {
            error = "'" + name + "' is not a type but a column with a sequence: use an integer key, which is an identity column ([Identity])";
            return null;
        }

        if (modifiers is not null && schema is null && BuiltInTypes.Spelling(name) is not null && !IsNumberList(modifiers))
        {
            error = "the modifiers of '" + text + "' must be numbers";
            return null;
        }

        return new StoreType(name, schema, schema is null ? BuiltInTypes.CanonicalModifiers(name, modifiers) : modifiers, isArray);
    }

    /// <summary>
    /// The parts of a possibly schema-qualified, possibly quoted name; unquoted parts are folded to lower case with their
    /// words single-spaced, as PostgreSQL reads them. Null when the text is not a name.
    /// </summary>
    private static List<string>? NameParts(string text, out bool quoted)
    {
        quoted = false;
        var parts = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i + 1;
                var name = new StringBuilder();
                while (true)
                {
                    if (end >= text.Length)
                    {
                        return null;
                    }

                    if (text[end] == '"')
                    {
                        if (end + 1 < text.Length && text[end + 1] == '"')
                        {
                            name.Append('"');
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    name.Append(text[end]);
                    end++;
                }

                if (current.ToString().Trim().Length > 0)
                {
                    return null;
                }

                current.Clear().Append(name);
                quoted = true;
                i = end + 1;
            }
            else if (c == '.')
            {
                parts.Add(Fold(current.ToString(), quoted));
                current.Clear();
                quoted = false;
                i++;
            }
            else
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == ' ' || c == '$'))
                {
                    return null;
                }

                current.Append(c);
                i++;
            }
        }

        parts.Add(Fold(current.ToString(), quoted));
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return null;
            }
        }

        return parts;
    }

    private static string Fold(string part, bool quoted)
    {
        if (quoted)
        {
            return part;
        }

        var words = part.Trim().Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" ", words).ToLowerInvariant();
    }

    private static int IndexOutsideQuotes(string text, char target)
    {
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && text[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    private static string RemoveWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumberList(string text)
    {
        foreach (var part in text.Split(','))
        {
            if (part.Length == 0 || !IsDigits(part))
            {
                return false;
            }
        }

        return true;
    }
}
