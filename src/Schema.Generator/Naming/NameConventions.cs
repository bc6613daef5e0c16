using System;
using System.Collections.Generic;
using System.Text;

using Schemata.Generator.Shared;

namespace Schemata.Generator.Naming;

/// <summary>The naming rules: snake_case, plural table names, constraint names within 63 bytes, quoting.</summary>
internal static class NameConventions
{

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                var startsWord = i > 0 && previous != '_'
                    && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                if (startsWord)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The plural of the last word of a snake_case name (<c>task_item</c> → <c>task_items</c>).</summary>
    public static string Pluralize(string name)
    {
        if (name.Length == 0)
        {
            return name;
        }

        if (name.EndsWith("y", StringComparison.Ordinal) && name.Length > 1 && !IsVowel(name[name.Length - 2]))
        {
            return name.Substring(0, name.Length - 1) + "ies";
        }

        // A word that already ends in a plural s stays as it is (AllTypes, news); -ss, -us and -is are singular.
        if (name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal)
            && !name.EndsWith("us", StringComparison.Ordinal) && !name.EndsWith("is", StringComparison.Ordinal))
        {
            return name;
        }

        if (name.EndsWith("s", StringComparison.Ordinal) || name.EndsWith("x", StringComparison.Ordinal)
            || name.EndsWith("z", StringComparison.Ordinal) || name.EndsWith("ch", StringComparison.Ordinal)
            || name.EndsWith("sh", StringComparison.Ordinal))
        {
            return name + "es";
        }

        return name + "s";
    }

    public static string TableName(string typeName) => Pluralize(ToSnakeCase(typeName));

    /// <summary>
    /// <c>prefix_table_col1_col2</c>; when longer than 63 bytes, cut and suffixed with a stable hash of the full
    /// name so that two long names stay distinct and the same model always yields the same name.
    /// </summary>
    public static string ConstraintName(string prefix, string table, IEnumerable<string> columns)
    {
        var name = prefix + "_" + table + "_" + string.Join("_", columns);
        return Shorten(name);
    }

    public static string Shorten(string name) => Names.Shorten(name);

    public static uint Fnv1a(string text) => Names.Fnv1a(text);

    public static bool IsTooLong(string identifier) => Encoding.UTF8.GetByteCount(identifier) > Names.MaxIdentifierBytes;

    private static bool IsVowel(char c) => "aeiou".IndexOf(c) >= 0;
}
