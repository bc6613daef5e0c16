using System.Collections.Generic;
using System.Linq;
using Schemata.Generator.Building;
using static Schemata.Generator.Emit.EntityEmitter;

using Schemata.Generator.Shared;

namespace Schemata.Generator.Emit;

/// <summary>The SQL constants of a <c>{Entity}Table</c>: every statement is fixed text with positional parameters.</summary>
internal static class TableSql
{
    public static void Write(SourceWriter w, Context c)
    {
        var e = c.Entity;
        var keyOrder = " ORDER BY " + c.KeyColumns;
        Const(w, "SelectSql", "\"SELECT \" + " + c.Reader + ".SelectList + " + Literal(" FROM " + e.QualifiedTable));
        Variants(w, c, "GetSql", "SelectSql", [c.KeyWhere(1)]);
        Variants(w, c, "ExistsSql", Head.Sql("SELECT EXISTS (SELECT 1 FROM " + e.QualifiedTable), [c.KeyWhere(1)], ")");
        Variants(w, c, "CountSql", Head.Sql("SELECT count(*) FROM " + e.QualifiedTable), []);
        if (c.DeletedAt is not null)
        {
            Variants(w, c, "SelectSql", "SelectSql", []);
        }

        var explained = false;
        foreach (var finder in e.Finders)
        {
            var columns = finder.Columns.Select(i => e.Columns[i]).ToList();
            if (!explained && columns.Any(x => x.IsNullable))
            {
                explained = true;
                w.Line("// A null finder argument gets a statement of its own that says IS NULL: \"= $1\" is never true for NULL, and neither");
                w.Line("// IS NOT DISTINCT FROM nor \"(x = $1 OR ($1 IS NULL AND x IS NULL))\" (once a generic plan is cached) is one index lookup.");
            }

            foreach (var (suffix, isNull) in FinderVariants(columns))
            {
                var conditions = columns.Select((x, i) => Sql.Quote(x.Column) + (isNull[i] ? " IS NULL" : " = " + ValueCode.Placeholder(x, i + 1))).ToList();
                if (finder.Filter is not null)
                {
                    conditions.Add("(" + finder.Filter + ")");
                }

                // NULL is not unique: when a unique finder's null matches several rows, it returns the first by key.
                var name = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name + suffix + "Sql";
                var tail = !finder.IsUnique ? keyOrder : suffix.Length > 0 ? keyOrder + " LIMIT 1" : string.Empty;
                if (finder.LiveOnly)
                {
                    Const(w, name, Plus("SelectSql", " WHERE " + string.Join(" AND ", conditions.Append(c.LiveFilter)) + tail));
                }
                else
                {
                    Variants(w, c, name, "SelectSql", conditions, tail);
                }
            }
        }

        WriteInserts(w, c);
        if (c.Updated.Count > 0 || c.UpdatedAt is not null)
        {
            var sets = c.Updated.Select((x, i) => Sql.Quote(x.Column) + " = " + ValueCode.Placeholder(x, c.Keys.Count + i + 1)).ToList();
            if (c.UpdatedAt is not null)
            {
                sets.Add(Sql.Quote(c.UpdatedAt.Column) + " = now()");
            }

            var where = c.KeyWhere(1) + (c.DeletedAt is null ? string.Empty : " AND " + c.LiveFilter);
            Const(w, "UpdateSql", Literal("UPDATE " + e.QualifiedTable + " SET " + string.Join(", ", sets) + " WHERE " + where + Returning(c.UpdatedAt is null ? [] : [c.UpdatedAt])));
        }

        Const(w, "DeleteSql", Literal("DELETE FROM " + e.QualifiedTable + " WHERE " + c.KeyWhere(1)));
        if (c.DeletedAt is not null)
        {
            Const(w, "SoftDeleteSql", Literal(SoftDelete(c)));
            Const(w, "RestoreSql", Literal(Restore(c)));
        }

        var copied = CopyColumns(c);
        Const(w, "CopySql", Literal("COPY " + e.QualifiedTable + " (" + string.Join(", ", copied.Select(x => Sql.Quote(x.Column))) + ") FROM STDIN (FORMAT BINARY)"));

        // The quoted column of each {Entity}Column value, in enum order, for ListAsync's ORDER BY.
        w.Line("private static readonly string[] OrderColumns = ", CSharp.Strings(e.Columns.Select(x => Sql.Quote(x.Column))), ";");
    }

    /// <summary>
    /// The statements of a finder: the one for arguments that are all given (no suffix), then one for each set of its
    /// nullable columns whose arguments are null (<c>With{A}And{B}Null</c>), in the order of the bit mask over them.
    /// </summary>
    public static List<(string Suffix, bool[] IsNull)> FinderVariants(List<ColumnAccess> columns)
    {
        var nullable = Enumerable.Range(0, columns.Count).Where(i => columns[i].IsNullable).ToList();
        var result = new List<(string, bool[])>();
        for (var mask = 0; mask < 1 << nullable.Count; mask++)
        {
            var isNull = new bool[columns.Count];
            var names = new List<string>();
            for (var bit = 0; bit < nullable.Count; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    isNull[nullable[bit]] = true;
                    names.Add(columns[nullable[bit]].Property);
                }
            }

            result.Add((names.Count == 0 ? string.Empty : "With" + string.Join("And", names) + "Null", isNull));
        }

        return result;
    }

    /// <summary>The columns a binary COPY writes: everything but identity keys and the timestamps the server sets.</summary>
    public static List<ColumnAccess> CopyColumns(Context c)
        => c.Entity.Columns.Where(x => x.Role == Model.ColumnRole.Plain && !x.IsIdentity).ToList();

    /// <summary>
    /// Insert and the upserts share their head (<c>INSERT … VALUES …</c>, with or without a client-chosen key) and the
    /// upserts their action; each statement is a constant expression over those parts, so the text is written once.
    /// </summary>
    private static void WriteInserts(SourceWriter w, Context c)
    {
        var returning = Returning(c.Returned);
        Const(w, "InsertHeadSql", Literal(InsertValues(c, c.Written)));
        if (c.ServerKey is not null)
        {
            Const(w, "InsertHeadWithKeySql", Literal(InsertValues(c, [c.ServerKey, .. c.Written])));
        }

        var sets = c.Updated.Select(x => Sql.Quote(x.Column) + " = EXCLUDED." + Sql.Quote(x.Column)).ToList();
        if (c.UpdatedAt is not null)
        {
            sets.Add(Sql.Quote(c.UpdatedAt.Column) + " = now()");
        }

        // The existing row, as ON CONFLICT's SET and WHERE name it: the target table by its own name.
        var existing = Sql.Quote(c.Entity.Table) + ".";
        if (sets.Count == 0 && c.Returned.Count == 0 && c.DeletedAt is null)
        {
            Const(w, "UpsertActionSql", Literal(" DO NOTHING"));
        }
        else
        {
            if (sets.Count == 0)
            {
                // Nothing to change, but DO NOTHING would return no row, and so none of the values the database made:
                // setting the first key column to the value it has changes nothing and returns the row.
                var key = Sql.Quote(c.Keys[0].Column);
                sets.Add(key + " = " + existing + key);
            }

            // A soft-deleted row is not written: it would stay hidden. The statement then returns no row (see SaveAsync).
            var live = c.DeletedAt is null ? string.Empty : " WHERE " + existing + Sql.Quote(c.DeletedAt.Column) + " IS NULL";
            Const(w, "UpsertActionSql", Literal(" DO UPDATE SET " + string.Join(", ", sets) + live + returning));
        }

        Const(w, "InsertSql", Plus("InsertHeadSql", returning));
        if (c.ServerKey is not null)
        {
            Const(w, "InsertWithKeySql", Plus("InsertHeadWithKeySql", returning));
        }

        Upsert(w, c, "Upsert", "(" + c.KeyColumns + ")", null);
        foreach (var finder in c.Entity.Finders.Where(f => f.IsUnique))
        {
            var target = Columns(finder.Columns.Select(i => c.Entity.Columns[i]));
            Upsert(w, c, "UpsertBy" + finder.Name, target, finder.LiveOnly ? c.LiveFilter : finder.Filter);
        }
    }

    private static void Upsert(SourceWriter w, Context c, string stem, string target, string? filter)
    {
        var conflict = Literal(" ON CONFLICT " + target + (filter is null ? string.Empty : " WHERE " + filter));
        Const(w, stem + "Sql", "InsertHeadSql + " + conflict + " + UpsertActionSql");
        if (c.ServerKey is not null)
        {
            Const(w, stem + "WithKeySql", "InsertHeadWithKeySql + " + conflict + " + UpsertActionSql");
        }
    }

    private static string InsertValues(Context c, List<ColumnAccess> columns)
        => columns.Count == 0
            ? "INSERT INTO " + c.Entity.QualifiedTable + " DEFAULT VALUES"
            : "INSERT INTO " + c.Entity.QualifiedTable + " (" + string.Join(", ", columns.Select(x => Sql.Quote(x.Column))) + ") VALUES ("
                + string.Join(", ", columns.Select((x, i) => ValueCode.Placeholder(x, i + 1))) + ")";

    /// <summary>Soft-deletes the row and, in the same statement, its <c>CascadeSoftDelete</c> dependents.</summary>
    private static string SoftDelete(Context c)
    {
        var e = c.Entity;
        var deletedAt = Sql.Quote(c.DeletedAt!.Column);
        var key = c.Keys[0].Column;
        var steps = new List<string>
        {
            "s0 AS (UPDATE " + e.QualifiedTable + " SET " + deletedAt + " = now() WHERE " + c.KeyWhere(1) + " AND " + deletedAt + " IS NULL RETURNING " + Sql.Quote(key) + " AS key)",
        };
        for (var i = 0; i < e.Cascade.Count; i++)
        {
            var step = e.Cascade[i];
            var at = Sql.Quote(step.DeletedAtColumn);
            steps.Add("s" + Int(i + 1) + " AS (UPDATE " + step.QualifiedTable + " SET " + at + " = now() WHERE " + Sql.Quote(step.ForeignKeyColumn)
                + " IN (SELECT key FROM s" + Int(step.Parent) + ") AND " + at + " IS NULL RETURNING " + Sql.Quote(step.KeyColumn) + " AS key)");
        }

        return "WITH " + string.Join(", ", steps) + " SELECT count(*) FROM s0";
    }

    /// <summary>Restores the row and the dependents that were soft-deleted at the same instant (by its cascade).</summary>
    private static string Restore(Context c)
    {
        var e = c.Entity;
        var deletedAt = Sql.Quote(c.DeletedAt!.Column);
        var key = Sql.Quote(c.Keys[0].Column);
        var where = string.Join(" AND ", c.Keys.Select((k, i) => "t." + Sql.Quote(k.Column) + " = " + ValueCode.Placeholder(k, i + 1)));
        // A row whose CascadeSoftDelete parent is still deleted stays deleted: visible, it would hang under a hidden parent.
        var parentLive = string.Concat(e.SoftDeleteParents.Select(p => " AND NOT EXISTS (SELECT 1 FROM " + p.QualifiedTable + " AS p WHERE p." + Sql.Quote(p.KeyColumn)
            + " = t." + Sql.Quote(p.ForeignKeyColumn) + " AND p." + Sql.Quote(p.DeletedAtColumn) + " IS NOT NULL)"));
        var steps = new List<string>
        {
            "r0 AS (UPDATE " + e.QualifiedTable + " AS t SET " + deletedAt + " = NULL FROM " + e.QualifiedTable + " AS old WHERE " + where
                + " AND old.ctid = t.ctid AND t." + deletedAt + " IS NOT NULL" + parentLive + " RETURNING t." + key + " AS key, old." + deletedAt + " AS at)",
        };
        for (var i = 0; i < e.Cascade.Count; i++)
        {
            var step = e.Cascade[i];
            var at = Sql.Quote(step.DeletedAtColumn);
            var parent = "r" + Int(step.Parent);
            steps.Add("r" + Int(i + 1) + " AS (UPDATE " + step.QualifiedTable + " AS t SET " + at + " = NULL FROM " + parent + " WHERE t." + Sql.Quote(step.ForeignKeyColumn)
                + " = " + parent + ".key AND t." + at + " = " + parent + ".at RETURNING t." + Sql.Quote(step.KeyColumn) + " AS key, " + parent + ".at AS at)");
        }

        if (e.SoftDeleteParents.Count == 0)
        {
            return "WITH " + string.Join(", ", steps) + " SELECT count(*) FROM r0";
        }

        // Restored: 1. Not restored: -n when the n-th parent holds it back (the statement sees the row as it was before
        // the update, still deleted), else 0 (no deleted row has the key).
        var kept = string.Join(" AND ", c.Keys.Select((k, i) => "c." + Sql.Quote(k.Column) + " = " + ValueCode.Placeholder(k, i + 1)));
        var cases = e.SoftDeleteParents.Select((p, i) => " WHEN EXISTS (SELECT 1 FROM " + e.QualifiedTable + " AS c JOIN " + p.QualifiedTable + " AS p ON p." + Sql.Quote(p.KeyColumn)
            + " = c." + Sql.Quote(p.ForeignKeyColumn) + " WHERE " + kept + " AND c." + deletedAt + " IS NOT NULL AND p." + Sql.Quote(p.DeletedAtColumn) + " IS NOT NULL) THEN -" + Int(i + 1));
        return "WITH " + string.Join(", ", steps) + " SELECT CASE WHEN EXISTS (SELECT 1 FROM r0) THEN 1" + string.Concat(cases) + " ELSE 0 END";
    }

    /// <summary>
    /// One constant per <c>DeletedRows</c> value for a soft-delete entity (<c>…Live</c>, <c>…All</c>, <c>…Deleted</c>),
    /// else one: <paramref name="head"/> followed by the conditions and the tail.
    /// </summary>
    private static void Variants(SourceWriter w, Context c, string name, Head head, List<string> conditions, string tail = "")
    {
        string Where(IEnumerable<string> parts)
        {
            var list = parts.Where(p => p.Length > 0).ToList();
            return (list.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", list)) + tail;
        }

        if (c.DeletedAt is null)
        {
            Const(w, name, head.Then(Where(conditions)));
            return;
        }

        Const(w, name + "Live", head.Then(Where(conditions.Append(c.LiveFilter))));
        Const(w, name + "All", head.Then(Where(conditions)));
        Const(w, name + "Deleted", head.Then(Where(conditions.Append(Sql.Quote(c.DeletedAt.Column) + " IS NOT NULL"))));
    }

    private static string Returning(List<ColumnAccess> columns)
        => columns.Count == 0 ? string.Empty : " RETURNING " + string.Join(", ", columns.Select(x => Sql.Quote(x.Column)));

    private static string Columns(IEnumerable<ColumnAccess> columns) => "(" + string.Join(", ", columns.Select(x => Sql.Quote(x.Column))) + ")";

    /// <summary>The constant named <paramref name="constant"/> followed by the SQL text <paramref name="rest"/>.</summary>
    private static string Plus(string constant, string rest) => new Head(constant, null).Then(rest);

    /// <summary>The start of a statement: the name of a constant that holds it, or its SQL text.</summary>
    private readonly struct Head(string? constant, string? sql)
    {
        public static implicit operator Head(string constant) => new(constant, null);

        public static Head Sql(string sql) => new(null, sql);

        /// <summary>The C# constant expression for the head followed by <paramref name="rest"/>.</summary>
        public string Then(string rest)
            => constant is null ? Literal(sql + rest)
                : rest.Length == 0 ? constant
                : constant + " + " + Literal(rest);
    }

    private static string Literal(string sql) => CSharp.String(sql);

    /// <summary>A <c>private const string</c> whose value is a C# constant expression: a literal, or constants and literals joined with <c>+</c>.</summary>
    private static void Const(SourceWriter w, string name, string value) => w.Line("private const string ", name, " = ", value, ";");
}
