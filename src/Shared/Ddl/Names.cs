using System.Globalization;
using System.Text;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>Identifiers within PostgreSQL's 63-byte limit: the generator's constraint names and the planner's helper names.</summary>
internal static class Names
{
    /// <summary>PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1).</summary>
    public const int MaxIdentifierBytes = 63;

    /// <summary>How the name of every helper check of an online <c>SET NOT NULL</c> starts (shortening keeps the start).</summary>
    public const string NotNullHelperPrefix = "nn_";

    /// <summary>
    /// <paramref name="name"/> itself when it fits; otherwise cut and suffixed with a stable hash of the whole name, so
    /// two long names stay distinct and the same name always shortens the same way.
    /// </summary>
    public static string Shorten(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxIdentifierBytes)
        {
            return name;
        }

        var suffix = "_" + Fnv1a(name).ToString("x8", CultureInfo.InvariantCulture);
        var budget = MaxIdentifierBytes - suffix.Length;
        var cut = new StringBuilder();
        var bytes = 0;
        foreach (var c in name)
        {
            var size = Encoding.UTF8.GetByteCount(c.ToString());
            if (char.IsSurrogate(c) || bytes + size > budget)
            {
                break;
            }

            cut.Append(c);
            bytes += size;
        }

        return cut.ToString().TrimEnd('_') + suffix;
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="bytes"/> UTF-8 bytes, cut at a character boundary.</summary>
    private static string Clip(string text, int bytes)
    {
        var cut = new StringBuilder();
        var used = 0;
        foreach (var c in text)
        {
            var size = Encoding.UTF8.GetByteCount(c.ToString());
            if (char.IsSurrogate(c) || used + size > bytes)
            {
                break;
            }

            cut.Append(c);
            used += size;
        }

        return cut.ToString();
    }

    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    /// <summary>
    /// The name PostgreSQL gives an identity column's sequence (<c>table_column_seq</c>, the longer of the two names
    /// cut first until it fits), when no other relation of the schema has it.
    /// </summary>
    public static string IdentitySequence(string table, string column)
    {
        // PostgreSQL's makeObjectName: two underscores and the label leave 58 bytes for the two names.
        var available = MaxIdentifierBytes - 1 - ("seq".Length + 1);
        var tableBytes = Encoding.UTF8.GetByteCount(table);
        var columnBytes = Encoding.UTF8.GetByteCount(column);
        while (tableBytes + columnBytes > available)
        {
            if (tableBytes > columnBytes)
            {
                tableBytes--;
            }
            else
            {
                columnBytes--;
            }
        }

        return Clip(table, tableBytes) + "_" + Clip(column, columnBytes) + "_seq";
    }

    /// <summary>The helper <c>CHECK (column IS NOT NULL)</c> that lets <c>SET NOT NULL</c> skip its scan.</summary>
    public static string NotNullHelper(string table, string column) => Shorten(NotNullHelperPrefix + table + "_" + column);

    /// <summary>The name an index is built under while it replaces another of the same name.</summary>
    public static string Replacement(string index) => Shorten(index + "_new");
}
