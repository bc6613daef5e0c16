using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Schemata.Generator.Emit;

/// <summary>C# literal helpers for emitted code.</summary>
internal static class CSharp
{
    [ThreadStatic]
    private static StringBuilder? s_literal;

    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        if (!NeedsEscaping(value))
        {
            return "\"" + value + "\"";
        }

        var builder = s_literal ?? new StringBuilder(256);
        s_literal = null;
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    // C# reads the line and paragraph separators as line breaks inside a literal.
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        var literal = builder.Append('"').ToString();
        if (builder.Capacity <= 4096)
        {
            builder.Clear();
            s_literal = builder;
        }

        return literal;
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '\u2028' or '\u2029' || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";

    /// <summary>
    /// A raw string literal holding <paramref name="text"/>, indented to <paramref name="indent"/> spaces; the quote
    /// run is longer than any run of quotes inside the text.
    /// </summary>
    public static string RawString(string text, int indent)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = System.Math.Max(longest, run);
        }

        var quotes = new string('"', System.Math.Max(3, longest + 1));
        var pad = new string(' ', indent);
        var builder = new StringBuilder().Append(quotes).Append('\n');
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            builder.Append(line.Length == 0 ? string.Empty : pad).Append(line).Append('\n');
        }

        return builder.Append(pad).Append(quotes).ToString();
    }
}
