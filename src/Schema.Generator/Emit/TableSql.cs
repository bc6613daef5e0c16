using System.Collections.Generic;
using System.Linq;
using Schemata.Generator.Building;
using static Schemata.Generator.Emit.EntityEmitter;
using static Schemata.Generator.Naming.NameConventions;

namespace Schemata.Generator.Emit;

/// <summary>The SQL constants of a <c>{Entity}Table</c>: every statement is fixed text with positional parameters.</summary>
internal static class TableSql
{
    public static void Write(SourceWriter w, Context c)
    {
        var e = c.Entity;
        Variants(w, c, "GetSql", c.Select, [c.KeyWhere(1)]);
        Variants(w, c, "ExistsSql", "SELECT EXISTS (SELECT 1 FROM " + e.QualifiedTable, [c.KeyWhere(1)], ")");
        Variants(w, c, "CountSql", "SELECT count(*) FROM " + e.QualifiedTable, []);
        Variants(w, c, "SelectSql", c.Select, []);
        foreach (var finder in e.Finders)
        {
            var columns = finder.Columns.Select(i => e.Columns[i]).ToList();
            var conditions = columns.Select((x, i) => Quote(x.Column) + " = " + ValueCode.Placeholder(x, i + 1)).ToList();
            if (finder.Filter is not null)
            {
                conditions.Add("(" + finder.Filter + ")");
            }

            var name = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name + "Sql";
            if (finder.LiveOnly)
            {
                Const(w, name, c.Select + " WHERE " + string.Join(" AND ", conditions.Append(c.LiveFilter)));
            }
            else
            {
                Variants(w, c, name, c.Select, conditions);
            }
        }

        Const(w, "InsertSql", Insert(c, c.Written));
        if (c.ServerKey is not null)
        {
            Const(w, "InsertWithKeySql", Insert(c, [c.ServerKey, .. c.Written]));
        }

        WriteUpserts(w, c);
        if (c.Updated.Count > 0 || c.UpdatedAt is not null)
        {
            var sets = c.Updated.Select((x, i) => Quote(x.Column) + " = " + ValueCode.Placeholder(x, c.Keys.Count + i + 1)).ToList();
            if (c.UpdatedAt is not null)
            {
                sets.Add(Quote(c.UpdatedAt.Column) + " = now()");
            }

            var where = c.KeyWhere(1) + (c.DeletedAt is null ? string.Empty : " AND " + c.LiveFilter);
            Const(w, "UpdateSql", "UPDATE " + e.QualifiedTable + " SET " + string.Join(", ", sets) + " WHERE " + where + Returning(c.UpdatedAt is null ? [] : [c.UpdatedAt]));
        }

        Const(w, "DeleteSql", "DELETE FROM " + e.QualifiedTable + " WHERE " + c.KeyWhere(1));
        if (c.DeletedAt is not null)
        {
            Const(w, "SoftDeleteSql", SoftDelete(c));
            Const(w, "RestoreSql", Restore(c));
        }

        var copied = CopyColumns(c);
        Const(w, "CopySql", "COPY " + e.QualifiedTable + " (" + string.Join(", ", copied.Select(x => Quote(x.Column))) + ") FROM STDIN (FORMAT BINARY)");
    }

    /// <summary>The columns a binary COPY writes: everything but identity keys and the timestamps the server sets.</summary>
    public static List<ColumnAccess> CopyColumns(Context c)
        => c.Entity.Columns.Where(x => x.Role == Model.ColumnRole.Plain && !x.IsIdentity).ToList();

    private static void WriteUpserts(SourceWriter w, Context c)
    {
        Const(w, "UpsertSql", Upsert(c, c.Written, Columns(c.Keys), null));
        if (c.ServerKey is not null)
        {
            Const(w, "UpsertWithKeySql", Upsert(c, [c.ServerKey, .. c.Written], Columns(c.Keys), null));
        }

        foreach (var finder in c.Entity.Finders.Where(f => f.IsUnique))
        {
            var target = Columns(finder.Columns.Select(i => c.Entity.Columns[i]));
            var filter = finder.LiveOnly ? c.LiveFilter : finder.Filter;
            Const(w, "UpsertBy" + finder.Name + "Sql", Upsert(c, c.Written, target, filter));
            if (c.ServerKey is not null)
            {
                Const(w, "UpsertBy" + finder.Name + "WithKeySql", Upsert(c, [c.ServerKey, .. c.Written], target, filter));
            }
        }
    }

    private static string Insert(Context c, List<ColumnAccess> columns) => InsertValues(c, columns) + Returning(c.Returned);

    private static string InsertValues(Context c, List<ColumnAccess> columns)
        => columns.Count == 0
            ? "INSERT INTO " + c.Entity.QualifiedTable + " DEFAULT VALUES"
            : "INSERT INTO " + c.Entity.QualifiedTable + " (" + string.Join(", ", columns.Select(x => Quote(x.Column))) + ") VALUES ("
                + string.Join(", ", columns.Select((x, i) => ValueCode.Placeholder(x, i + 1))) + ")";

    private static string Upsert(Context c, List<ColumnAccess> columns, string target, string? filter)
    {
        var insert = InsertValues(c, columns);
        var returning = Returning(c.Returned);
        var sets = c.Updated.Select(x => Quote(x.Column) + " = EXCLUDED." + Quote(x.Column)).ToList();
        if (c.UpdatedAt is not null)
        {
            sets.Add(Quote(c.UpdatedAt.Column) + " = now()");
        }

        var conflict = " ON CONFLICT " + target + (filter is null ? string.Empty : " WHERE " + filter);
        var action = sets.Count == 0 ? " DO NOTHING" : " DO UPDATE SET " + string.Join(", ", sets);
        return insert + conflict + action + returning;
    }

    /// <summary>Soft-deletes the row and, in the same statement, its <c>CascadeSoftDelete</c> dependents.</summary>
    private static string SoftDelete(Context c)
    {
        var e = c.Entity;
        var deletedAt = Quote(c.DeletedAt!.Column);
        var key = c.Keys[0].Column;
        var steps = new List<string>
        {
            "s0 AS (UPDATE " + e.QualifiedTable + " SET " + deletedAt + " = now() WHERE " + c.KeyWhere(1) + " AND " + deletedAt + " IS NULL RETURNING " + Quote(key) + " AS key)",
        };
        for (var i = 0; i < e.Cascade.Count; i++)
        {
            var step = e.Cascade[i];
            var at = Quote(step.DeletedAtColumn);
            steps.Add("s" + Int(i + 1) + " AS (UPDATE " + step.QualifiedTable + " SET " + at + " = now() WHERE " + Quote(step.ForeignKeyColumn)
                + " IN (SELECT key FROM s" + Int(step.Parent) + ") AND " + at + " IS NULL RETURNING " + Quote(step.KeyColumn) + " AS key)");
        }

        return "WITH " + string.Join(", ", steps) + " SELECT count(*) FROM s0";
    }

    /// <summary>Restores the row and the dependents that were soft-deleted at the same instant (by its cascade).</summary>
    private static string Restore(Context c)
    {
        var e = c.Entity;
        var deletedAt = Quote(c.DeletedAt!.Column);
        var key = Quote(c.Keys[0].Column);
        var where = string.Join(" AND ", c.Keys.Select((k, i) => "t." + Quote(k.Column) + " = " + ValueCode.Placeholder(k, i + 1)));
        var steps = new List<string>
        {
            "r0 AS (UPDATE " + e.QualifiedTable + " AS t SET " + deletedAt + " = NULL FROM " + e.QualifiedTable + " AS old WHERE " + where
                + " AND old.ctid = t.ctid AND t." + deletedAt + " IS NOT NULL RETURNING t." + key + " AS key, old." + deletedAt + " AS at)",
        };
        for (var i = 0; i < e.Cascade.Count; i++)
        {
            var step = e.Cascade[i];
            var at = Quote(step.DeletedAtColumn);
            var parent = "r" + Int(step.Parent);
            steps.Add("r" + Int(i + 1) + " AS (UPDATE " + step.QualifiedTable + " AS t SET " + at + " = NULL FROM " + parent + " WHERE t." + Quote(step.ForeignKeyColumn)
                + " = " + parent + ".key AND t." + at + " = " + parent + ".at RETURNING t." + Quote(step.KeyColumn) + " AS key, " + parent + ".at AS at)");
        }

        return "WITH " + string.Join(", ", steps) + " SELECT count(*) FROM r0";
    }

    private static void Variants(SourceWriter w, Context c, string name, string head, List<string> conditions, string tail = "")
    {
        string Where(IEnumerable<string> parts)
        {
            var list = parts.Where(p => p.Length > 0).ToList();
            return list.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", list);
        }

        if (c.DeletedAt is null)
        {
            Const(w, name, head + Where(conditions) + tail);
            return;
        }

        Const(w, name + "Live", head + Where(conditions.Append(c.LiveFilter)) + tail);
        Const(w, name + "All", head + Where(conditions) + tail);
        Const(w, name + "Deleted", head + Where(conditions.Append(Quote(c.DeletedAt.Column) + " IS NOT NULL")) + tail);
    }

    private static string Returning(List<ColumnAccess> columns)
        => columns.Count == 0 ? string.Empty : " RETURNING " + string.Join(", ", columns.Select(x => Quote(x.Column)));

    private static string Columns(IEnumerable<ColumnAccess> columns) => "(" + string.Join(", ", columns.Select(x => Quote(x.Column))) + ")";

    private static void Const(SourceWriter w, string name, string sql) => w.Line("private const string " + name + " = " + CSharp.String(sql) + ";");
}
