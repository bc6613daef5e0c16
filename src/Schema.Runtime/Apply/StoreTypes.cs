using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Schemata;

/// <summary>
/// The one place that turns a store type as written in DDL (<c>varchar(200)</c>, <c>timestamptz</c>,
/// <c>"priority"</c>) into PostgreSQL's canonical rendering (<c>format_type</c>: <c>character varying(200)</c>,
/// <c>timestamp with time zone</c>, <c>priority</c>), and judges whether a type change can lose data.
/// </summary>
internal static partial class StoreTypes
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["int2"] = "smallint",
        ["int8"] = "bigint",
        ["serial"] = "integer",
        ["bigserial"] = "bigint",
        ["smallserial"] = "smallint",
        ["bool"] = "boolean",
        ["float8"] = "double precision",
        ["float"] = "double precision",
        ["float4"] = "real",
        ["decimal"] = "numeric",
        ["varchar"] = "character varying",
        ["char"] = "character",
        ["bpchar"] = "character",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone",
        ["time"] = "time without time zone",
        ["varbit"] = "bit varying",
    };

    /// <summary>Integer and floating types in widening order; moving right never loses data.</summary>
    private static readonly string[] Integers = ["smallint", "integer", "bigint"];

    /// <summary>Returns PostgreSQL's canonical rendering of <paramref name="storeType"/>.</summary>
    public static string Normalize(string storeType)
    {
        var type = storeType.Trim();
        var arraySuffix = new StringBuilder();
        while (type.EndsWith("[]", StringComparison.Ordinal))
        {
            arraySuffix.Append("[]");
            type = type[..^2].TrimEnd();
        }

        string? modifier = null;
        var open = type.IndexOf('(', StringComparison.Ordinal);
        string? trailing = null;
        if (open > 0)
        {
            var close = type.IndexOf(')', open);
            modifier = "(" + type[(open + 1)..close].Replace(" ", string.Empty, StringComparison.Ordinal) + ")";
            trailing = type[(close + 1)..].Trim();
            type = type[..open].Trim();
        }

        type = Unquote(type);
        var lower = type.ToLowerInvariant();
        if (Aliases.TryGetValue(lower, out var canonical))
        {
            type = canonical;
        }
        else if (!type.Contains('"', StringComparison.Ordinal) && IsBuiltIn(lower))
        {
            type = lower;
        }

        // timestamp(3) with time zone: the modifier goes between the words.
        if (modifier is not null && type.StartsWith("timestamp ", StringComparison.Ordinal))
        {
            return "timestamp" + modifier + type["timestamp".Length..] + arraySuffix;
        }

        if (modifier is not null && type.StartsWith("time ", StringComparison.Ordinal))
        {
            return "time" + modifier + type["time".Length..] + arraySuffix;
        }

        if (!string.IsNullOrEmpty(trailing))
        {
            type += " " + trailing.ToLowerInvariant();
        }

        return type + modifier + arraySuffix;
    }

    /// <summary>Whether the model's type and the catalog's <c>format_type</c> rendering name the same type.</summary>
    public static bool Same(string modelType, string catalogType)
    {
        var model = Normalize(modelType);
        var catalog = Normalize(catalogType);
        return string.Equals(model, catalog, StringComparison.Ordinal)
            || string.Equals(WithoutSchema(model), WithoutSchema(catalog), StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether changing a column from <paramref name="fromCatalogType"/> to <paramref name="toModelType"/> keeps every
    /// value as it is: longer strings, wider integers, more numeric precision, text instead of a bounded string.
    /// </summary>
    public static bool IsWidening(string fromCatalogType, string toModelType)
    {
        var from = Normalize(fromCatalogType);
        var to = Normalize(toModelType);
        if (from.EndsWith("[]", StringComparison.Ordinal) != to.EndsWith("[]", StringComparison.Ordinal))
        {
            return false;
        }

        from = from.TrimEnd('[', ']');
        to = to.TrimEnd('[', ']');
        var (fromBase, fromArgs) = Split(from);
        var (toBase, toArgs) = Split(to);

        if (fromBase is "character varying" or "character" && toBase == "text")
        {
            return true;
        }

        if (fromBase is "character varying" or "character" && toBase == "character varying")
        {
            return toArgs.Length == 0 || (fromArgs.Length == 1 && toArgs[0] >= fromArgs[0]);
        }

        var fromRank = Array.IndexOf(Integers, fromBase);
        var toRank = Array.IndexOf(Integers, toBase);
        if (fromRank >= 0 && toRank >= 0)
        {
            return toRank >= fromRank;
        }

        if (fromRank >= 0 && toBase == "numeric")
        {
            return toArgs.Length == 0 || toArgs[0] - (toArgs.Length > 1 ? toArgs[1] : 0) >= 19;
        }

        if (fromBase == "real" && toBase == "double precision")
        {
            return true;
        }

        if (fromBase == "numeric" && toBase == "numeric")
        {
            if (toArgs.Length == 0)
            {
                return true;
            }

            if (fromArgs.Length == 0)
            {
                return false;
            }

            int fromScale = fromArgs.Length > 1 ? fromArgs[1] : 0, toScale = toArgs.Length > 1 ? toArgs[1] : 0;
            return toScale >= fromScale && toArgs[0] - toScale >= fromArgs[0] - fromScale;
        }

        if (fromBase is "timestamp with time zone" or "timestamp without time zone" && toBase == fromBase)
        {
            return true;
        }

        return false;
    }

    private static (string Base, int[] Args) Split(string type)
    {
        var match = ModifierPattern().Match(type);
        if (!match.Success)
        {
            return (type, []);
        }

        var args = match.Groups["args"].Value.Split(',');
        var numbers = new int[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            numbers[i] = int.Parse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        return ((match.Groups["base"].Value + match.Groups["rest"].Value).Trim(), numbers);
    }

    private static string WithoutSchema(string type)
    {
        if (type.Contains('(', StringComparison.Ordinal))
        {
            return type;
        }

        var dot = type.LastIndexOf('.');
        return dot < 0 ? type : type[(dot + 1)..];
    }

    private static bool IsBuiltIn(string lower) => lower.Length > 0 && char.IsAsciiLetter(lower[0]);

    /// <summary>Removes identifier quotes, keeping the name as PostgreSQL renders it (quoted only when it must be).</summary>
    private static string Unquote(string type)
    {
        if (!type.Contains('"', StringComparison.Ordinal))
        {
            return type;
        }

        var parts = new List<string>();
        foreach (Match part in QuotedPart().Matches(type))
        {
            var name = part.Groups["q"].Success ? part.Groups["q"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : part.Groups["u"].Value;
            parts.Add(NeedsQuotes(name) ? Sql.Quote(name) : name);
        }

        return string.Join('.', parts);
    }

    private static bool NeedsQuotes(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return true;
            }
        }

        return name.Length == 0 || char.IsAsciiDigit(name[0]);
    }

    [GeneratedRegex("""^(?<base>[a-z ]+?)\((?<args>[0-9,]+)\)(?<rest>.*)$""")]
    private static partial Regex ModifierPattern();

    [GeneratedRegex("""(?:"(?<q>(?:[^"]|"")*)"|(?<u>[^."]+))""")]
    private static partial Regex QuotedPart();
}
