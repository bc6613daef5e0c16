using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Schemata;

/// <summary>
/// Writes changes as the <c>schema</c> commands print them: each change as a comment with what stops or refuses it,
/// then its statements, each followed by its phase, the lock it takes on which table, whether it scans or rewrites
/// it, the table's estimated rows and size, and whether writers go on.
/// </summary>
internal static class PlanText
{
    public static string Changes(IEnumerable<SchemaChange> changes, bool withStatements)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.Append('\n').Append("-- ").Append(change.Description).Append('\n');
            if (change.IsBlocked)
            {
                text.Append("--   CANNOT RUN: ").Append(change.BlockedReason).Append('\n');
            }

            if (change.IsDestructive)
            {
                text.Append("--   DESTRUCTIVE: ").Append(change.DestructiveReason).Append('\n');
            }

            if (change.IsHazard)
            {
                text.Append("--   HAZARD: ").Append(change.HazardReason).Append('\n');
            }

            if (change.BreaksPreviousVersion is { } breaks)
            {
                text.Append("--   BREAKS THE PREVIOUS VERSION: ").Append(breaks).Append('\n');
            }

            if (!withStatements)
            {
                continue;
            }

            foreach (var statement in change.Statements)
            {
                text.Append(statement.Sql).Append('\n');
                text.Append("--   ").Append(Describe(statement)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One line about a statement: <c>phase change · ACCESS EXCLUSIVE on tasks (2,000,000 rows, 180 MB) · catalog only · online</c>.</summary>
    public static string Describe(SchemaStatement statement)
    {
        var parts = new List<string> { "phase " + Phase(statement.Phase) };
        if (statement.Table is { } table)
        {
            var size = new List<string>();
            if (statement.EstimatedRows is { } rows)
            {
                size.Add("~" + rows.ToString("N0", CultureInfo.InvariantCulture) + " rows");
            }

            if (statement.SizeBytes is { } bytes)
            {
                size.Add(Bytes(bytes));
            }

            parts.Add(Lock(statement.Lock) + " on " + table + (size.Count > 0 ? " (" + string.Join(", ", size) + ")" : string.Empty));
            parts.Add(statement.Rewrites ? "rewrites the table" : statement.Scans ? "scans the table" : "catalog only");
        }

        parts.Add(statement.IsOnline ? "online" : "BLOCKS WRITERS while it runs");
        return string.Join(" · ", parts);
    }

    public static string Phase(ApplyPhase phase) => phase switch
    {
        ApplyPhase.AddEnumValues => "enum values (committed first)",
        ApplyPhase.Change => "change (one short transaction)",
        ApplyPhase.DataSteps => "data steps",
        ApplyPhase.BuildIndexes => "index builds (concurrently, no transaction)",
        ApplyPhase.Validate => "validation (writers go on)",
        _ => "completion (a short transaction per change)",
    };

    private static string Lock(TableLock tableLock) => tableLock switch
    {
        TableLock.None => "no lock",
        TableLock.AccessShare => "ACCESS SHARE",
        TableLock.RowExclusive => "ROW EXCLUSIVE",
        TableLock.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
        TableLock.Share => "SHARE",
        TableLock.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        _ => "ACCESS EXCLUSIVE",
    };

    private static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
