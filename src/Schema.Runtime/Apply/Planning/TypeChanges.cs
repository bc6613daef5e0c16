using System;
using System.Globalization;

namespace Schemata;

/// <summary>What changing a column's type costs and risks.</summary>
internal enum TypeChangeKind
{
    /// <summary>Only the catalog changes: no row is read or rewritten (<c>varchar(50)</c> → <c>varchar(100)</c> or <c>text</c>, more numeric precision at the same scale, more fractional seconds).</summary>
    CatalogOnly,

    /// <summary>Every value is kept, but PostgreSQL rewrites the table and its indexes (<c>integer</c> → <c>bigint</c>, <c>real</c> → <c>double precision</c>).</summary>
    Rewrite,

    /// <summary>Values may be cut, rounded or rejected, and the table is rewritten (<c>text</c> → <c>varchar(10)</c>, <c>bigint</c> → <c>integer</c>, any other type).</summary>
    Narrowing,
}

/// <summary>Classifies type changes from the catalog's type to the model's, part by part: no type text is read back.</summary>
internal static class TypeChanges
{
    private static readonly string[] Integers = ["int2", "int4", "int8"];
    private static readonly int[] IntegerDigits = [5, 10, 19];
    private static readonly string[] Strings = ["text", "varchar", "bpchar"];

    public static TypeChangeKind Classify(StoreType from, StoreType to)
    {
        if (from.IsArray != to.IsArray)
        {
            return TypeChangeKind.Narrowing;
        }

        var (f, t) = (from.Element, to.Element);
        if (f.Name is "varchar" or "text" && t.Name is "varchar" or "text")
        {
            return t.Modifiers is null || (f.Name == "varchar" && f.Modifiers is not null && Number(t.Modifiers, 0) >= Number(f.Modifiers, 0))
                ? TypeChangeKind.CatalogOnly
                : TypeChangeKind.Narrowing;
        }

        if (f.Name == t.Name && f.Name is "varbit" && (t.Modifiers is null || (f.Modifiers is not null && Number(t.Modifiers, 0) >= Number(f.Modifiers, 0))))
        {
            return TypeChangeKind.CatalogOnly;
        }

        if (f.Name == t.Name && f.Name is "timestamp" or "timestamptz" or "time" or "timetz" or "interval")
        {
            return t.Modifiers is null || (f.Modifiers is not null && Number(t.Modifiers, 0) >= Number(f.Modifiers, 0)) ? TypeChangeKind.CatalogOnly : TypeChangeKind.Narrowing;
        }

        if (f.Name == "numeric" && t.Name == "numeric")
        {
            if (t.Modifiers is null)
            {
                return TypeChangeKind.CatalogOnly;
            }

            if (f.Modifiers is null)
            {
                return TypeChangeKind.Narrowing;
            }

            int fromScale = Number(f.Modifiers, 1), toScale = Number(t.Modifiers, 1);
            int fromWhole = Number(f.Modifiers, 0) - fromScale, toWhole = Number(t.Modifiers, 0) - toScale;
            return toScale == fromScale && toWhole >= fromWhole ? TypeChangeKind.CatalogOnly
                : toScale >= fromScale && toWhole >= fromWhole ? TypeChangeKind.Rewrite
                : TypeChangeKind.Narrowing;
        }

        var fromRank = Array.IndexOf(Integers, f.Name);
        var toRank = Array.IndexOf(Integers, t.Name);
        if (fromRank >= 0 && toRank >= 0)
        {
            return toRank > fromRank ? TypeChangeKind.Rewrite : TypeChangeKind.Narrowing;
        }

        if (fromRank >= 0 && t.Name == "numeric")
        {
            return t.Modifiers is null || Number(t.Modifiers, 0) - Number(t.Modifiers, 1) >= IntegerDigits[fromRank] ? TypeChangeKind.Rewrite : TypeChangeKind.Narrowing;
        }

        return f.Name == "float4" && t.Name == "float8" ? TypeChangeKind.Rewrite : TypeChangeKind.Narrowing;
    }

    /// <summary>
    /// SQL counting the rows whose value the new type cannot hold as it is (too long, out of range, more decimal places
    /// than the scale keeps); <see langword="null"/> when that cannot be predicted for this pair of types.
    /// </summary>
    public static string? DoesNotFit(string qualifiedTable, string column, StoreType from, StoreType to)
    {
        if (from.IsArray || to.IsArray)
        {
            return null;
        }

        var c = Sql.Quote(column);
        var count = "SELECT count(*) FROM " + qualifiedTable + " WHERE ";
        if (to.Name is "varchar" or "bpchar" && to.Modifiers is not null && Array.IndexOf(Strings, from.Name) >= 0)
        {
            return count + "char_length(" + c + ") > " + to.Modifiers;
        }

        var toRank = Array.IndexOf(Integers, to.Name);
        if (toRank >= 0 && (Array.IndexOf(Integers, from.Name) > toRank || from.Name == "numeric"))
        {
            var max = toRank == 0 ? "32767" : "2147483647";
            return count + c + " NOT BETWEEN -" + max + " - 1 AND " + max + (from.Name == "numeric" ? " OR " + c + " <> trunc(" + c + ")" : string.Empty);
        }

        if (to.Name == "numeric" && to.Modifiers is not null && (from.Name == "numeric" || Array.IndexOf(Integers, from.Name) >= 0))
        {
            var scale = Number(to.Modifiers, 1);
            var whole = Number(to.Modifiers, 0) - scale;
            var scaleText = scale.ToString(CultureInfo.InvariantCulture);
            return count + c + " <> round(" + c + ", " + scaleText + ") OR abs(round(" + c + ", " + scaleText + ")) >= 1e" + whole.ToString(CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>
    /// The <c>USING</c> expression for a type change, or <see langword="null"/> to leave it to PostgreSQL's assignment
    /// cast: between string types that cast raises an error on a value too long for the new length, where an explicit
    /// cast would cut it silently.
    /// </summary>
    public static string? Using(string column, StoreType from, StoreType to)
        => Array.IndexOf(Strings, from.Element.Name) >= 0 && Array.IndexOf(Strings, to.Element.Name) >= 0 && from.IsArray == to.IsArray
            ? null
            : Sql.Quote(column) + "::" + Ddl.TypeName(to);

    private static int Number(string modifiers, int index)
    {
        var parts = modifiers.Split(',');
        return index < parts.Length && int.TryParse(parts[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
