using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;

namespace Schemata.Generator.Parsing;

/// <summary>Checks on a parsed entity that need all of its properties and constraints at once.</summary>
internal static class EntityValidation
{
    /// <summary>SCH0021: on a soft-deletable table, a unique index that is not limited to live rows blocks re-use of deleted values.</summary>
    public static void ReportUniquesOverDeletedRows(string typeName, bool isSoftDelete, List<IndexDeclaration> indexes, List<UniqueModel> uniques, List<DiagnosticInfo> diagnostics)
    {
        if (!isSoftDelete)
        {
            return;
        }

        foreach (var index in indexes)
        {
            if (index.IsUnique && !index.LiveRowsOnly && index.Filter is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UniqueCountsDeletedRows, index.Location, "Index", typeName, "set LiveRowsOnly = true"));
            }
        }

        foreach (var unique in uniques)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UniqueCountsDeletedRows,
                unique.Location,
                "Unique",
                typeName,
                "a UNIQUE constraint cannot be limited to live rows; use [Index(..., Unique = true, LiveRowsOnly = true)] instead"));
        }
    }

    /// <summary>
    /// SCH0022: a <c>RenamedFrom</c> hint that cannot rename anything — the column's own name, a column another
    /// property still maps, or a name a second property also claims.
    /// </summary>
    public static void ReportRenameHints(List<IPropertySymbol> symbols, List<PropertyModel> properties, List<DiagnosticInfo> diagnostics)
    {
        var byName = new Dictionary<string, PropertyModel>(StringComparer.Ordinal);
        var byColumn = new Dictionary<string, PropertyModel>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            byName[property.Name] = property;
            if (!byColumn.ContainsKey(property.ColumnName))
            {
                byColumn.Add(property.ColumnName, property);
            }
        }

        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var column = symbol.GetAttributes().Find(AttributeNames.Column);
            var hint = column?.NamedString("RenamedFrom");
            if (column is null || string.IsNullOrWhiteSpace(hint) || !byName.TryGetValue(symbol.Name, out var property))
            {
                continue;
            }

            string? problem = null;
            if (hint == property.ColumnName)
            {
                problem = "it is the column's current name; name the old column, or remove the hint";
            }
            else if (byColumn.TryGetValue(hint!, out var other))
            {
                problem = "column '" + hint + "' is still mapped by '" + other.Name + "', so it will not go away; remove the hint or rename '" + other.Name + "' first";
            }
            else if (claimed.TryGetValue(hint!, out var first))
            {
                problem = "'" + first + "' already renames from it, and one column can become only one";
            }
            else
            {
                claimed.Add(hint!, symbol.Name);
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RenameHintMatchesNothing, LocationInfo.From(column.GetArgumentLocation("RenamedFrom")), hint!, symbol.Name, problem));
            }
        }
    }
}
