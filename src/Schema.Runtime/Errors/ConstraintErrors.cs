using System;
using System.Collections.Generic;
using Npgsql;

namespace Schemata;

/// <summary>Builds <see cref="SchemaConstraintException"/> messages from a <see cref="PostgresException"/>.</summary>
internal static class ConstraintErrors
{
    internal static SchemaConstraintKind? Kind(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.UniqueViolation => SchemaConstraintKind.Unique,
        PostgresErrorCodes.ForeignKeyViolation => SchemaConstraintKind.ForeignKey,
        PostgresErrorCodes.CheckViolation => SchemaConstraintKind.Check,
        PostgresErrorCodes.NotNullViolation => SchemaConstraintKind.NotNull,
        PostgresErrorCodes.ExclusionViolation => SchemaConstraintKind.Exclusion,
        _ => null,
    };

    internal static SchemaConstraintException Create(PostgresException postgres, SchemaConstraintKind kind, IReadOnlyList<string> columns, string? referencedTable = null)
    {
        var table = postgres.TableName ?? string.Empty;
        var constraint = postgres.ConstraintName ?? string.Empty;
        if (kind == SchemaConstraintKind.NotNull && columns.Count == 0 && postgres.ColumnName is { } column)
        {
            columns = [column];
        }

        var named = constraint.Length == 0 ? string.Empty : $" ({Describe(kind)} {constraint})";
        var on = Columns(table, columns);
        string? referenced = null;
        string message;
        switch (kind)
        {
            case SchemaConstraintKind.Unique:
                message = $"A {Row(table)} with the same {Columns(string.Empty, columns)} already exists{named}. Use another value, or change the existing row instead of adding one.";
                break;
            case SchemaConstraintKind.ForeignKey when postgres.MessageText.StartsWith("update or delete", StringComparison.Ordinal):
                referenced = FirstQuoted(postgres.MessageText) ?? referencedTable;
                message = $"The {Row(referenced ?? string.Empty)} is still referenced from table {Display(table)}{named}. Delete or re-point those rows first, or declare ON DELETE CASCADE.";
                break;
            case SchemaConstraintKind.ForeignKey:
                referenced = NotPresentIn(postgres.Detail) ?? referencedTable;
                var target = referenced is null ? "row" : $"{referenced} row";
                message = $"The value of {on} must refer to an existing {target}, and none has that key{named}. Create the {target} first, or use the key of one that exists.";
                break;
            case SchemaConstraintKind.Check:
                message = $"The value of {on} breaks a rule of table {Display(table)}{named}. Change the value so that it satisfies the rule.";
                break;
            case SchemaConstraintKind.NotNull:
                message = $"The column {on} needs a value but got none (it is NOT NULL). Set it before writing.";
                break;
            default:
                message = $"The {Row(table)} conflicts with an existing one on {on}{named}. Change the values so that they do not overlap.";
                break;
        }

        return new SchemaConstraintException(message, kind, constraint, table, columns, referenced, postgres);
    }

    /// <summary>
    /// "Key (user_id, name)=(…) already exists." — the columns are the text between "Key (" and ")=(".
    /// The values that follow are never used: they may be personal data.
    /// </summary>
    internal static string[] ColumnsFromDetail(PostgresException postgres)
    {
        var detail = postgres.Detail;
        if (detail is null || !detail.StartsWith("Key (", StringComparison.Ordinal))
        {
            return [];
        }

        var end = detail.IndexOf(")=(", StringComparison.Ordinal);
        if (end < 0)
        {
            return [];
        }

        var list = detail[5..end];
        if (list.Contains('(', StringComparison.Ordinal))
        {
            return []; // an expression index: the catalog lookup names it better
        }

        var columns = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = columns[i].Trim('"');
        }

        return columns;
    }

    private static string? FirstQuoted(string text)
    {
        var start = text.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('"', start + 1);
        return end > start ? text[(start + 1)..end] : null;
    }

    private static string? NotPresentIn(string? detail) => Quoted(detail, "is not present in table ");

    private static string? Quoted(string? detail, string marker)
    {
        var at = detail?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var rest = detail![(at + marker.Length)..].TrimEnd('.');
        return rest.Trim('"');
    }

    private static string Describe(SchemaConstraintKind kind) => kind switch
    {
        SchemaConstraintKind.Unique => "unique constraint",
        SchemaConstraintKind.ForeignKey => "foreign key",
        SchemaConstraintKind.Check => "check constraint",
        SchemaConstraintKind.Exclusion => "exclusion constraint",
        _ => "constraint",
    };

    private static string Row(string table) => table.Length == 0 ? "row" : $"{table} row";

    private static string Display(string table) => table.Length == 0 ? "(unknown)" : table;

    private static string Columns(string table, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0)
        {
            return table.Length == 0 ? "the constrained columns" : $"the constrained columns of {table}";
        }

        var prefix = table.Length == 0 ? string.Empty : table + ".";
        return columns.Count == 1
            ? $"{prefix}{columns[0]}"
            : $"({string.Join(", ", Prefixed(prefix, columns))})";
    }

    private static IEnumerable<string> Prefixed(string prefix, IReadOnlyList<string> columns)
    {
        foreach (var column in columns)
        {
            yield return prefix + column;
        }
    }
}
