using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Schemata.Generator.Model;

namespace Schemata.Generator.Diagnostics;

/// <summary>Checks that need every entity and enum of the project at once; run by the schema builder.</summary>
internal static class SchemaValidation
{
    /// <summary>
    /// One use of a name in the database: a table, or a constraint or index of a table. Relations (tables, indexes and
    /// the indexes behind primary keys and unique constraints) share one namespace per schema; constraints share one per table.
    /// </summary>
    public sealed record NameUse(string? Schema, string QualifiedTable, string Name, LocationInfo? Location, bool IsTable, bool IsRelation);

    public static string SchemaOrPublic(string? schema) => schema ?? "public";

    /// <summary>SCH0008 for <paramref name="identifier"/>, which <see cref="Naming.NameConventions.IsTooLong"/> found too long.</summary>
    public static DiagnosticInfo TooLong(string identifier, LocationInfo? location)
        => DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierTooLong, location, identifier, System.Text.Encoding.UTF8.GetByteCount(identifier).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SCH0023: two constraints of one table, or two relations of one schema, with the same name.</summary>
    public static void ReportDuplicateNames(List<NameUse> names, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, NameUse>(StringComparer.Ordinal);
        foreach (var use in names)
        {
            if (!use.IsTable && !use.IsRelation && Clashes(seen, "t|" + use.QualifiedTable + "|" + use.Name, use))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateConstraintName, use.Location, use.Name, "of table '" + use.QualifiedTable.Replace("\"", string.Empty) + "'"));
                continue;
            }

            if (use.IsRelation && Clashes(seen, "s|" + SchemaOrPublic(use.Schema) + "|" + use.Name, use))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateConstraintName, use.Location, use.Name, "in schema '" + SchemaOrPublic(use.Schema) + "'"));
                continue;
            }

            // Primary keys and unique constraints are constraints of their table as well as relations.
            if (!use.IsTable && use.IsRelation)
            {
                seen["t|" + use.QualifiedTable + "|" + use.Name] = use;
            }
        }
    }

    private static bool Clashes(Dictionary<string, NameUse> seen, string key, NameUse use)
    {
        if (seen.TryGetValue(key, out var first))
        {
            // Two tables with one name are SCH0006's business.
            return !(first.IsTable && use.IsTable);
        }

        seen.Add(key, use);
        return false;
    }

    /// <summary>SCH0022 for tables: a <c>[Table(RenamedFrom = …)]</c> naming a table another entity still maps, or one a second entity also claims.</summary>
    public static void ReportTableRenameHints(List<EntityModel> entities, List<DiagnosticInfo> diagnostics)
    {
        var mapped = new Dictionary<string, EntityModel>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            mapped[SchemaOrPublic(entity.DbSchema) + "." + entity.TableName] = entity;
        }

        var claimed = new Dictionary<string, EntityModel>(StringComparer.Ordinal);
        foreach (var entity in entities.Where(e => e.RenamedFrom is not null))
        {
            var key = SchemaOrPublic(entity.DbSchema) + "." + entity.RenamedFrom;
            string? problem = null;
            if (mapped.TryGetValue(key, out var other))
            {
                problem = "table '" + entity.RenamedFrom + "' is still mapped by '" + other.TypeName + "', so it will not go away; remove the hint or rename '" + other.TypeName + "' first";
            }
            else if (claimed.TryGetValue(key, out var first))
            {
                problem = "'" + first.TypeName + "' already renames from it, and one table can become only one";
            }
            else
            {
                claimed.Add(key, entity);
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RenameHintMatchesNothing, entity.Location, entity.RenamedFrom!, entity.TypeName, problem));
            }
        }
    }

    /// <summary>SCH0028: two native enums that would create the same database type.</summary>
    public static void ReportDuplicateEnumTypes(ImmutableArray<EnumModel> enums, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, EnumModel>(StringComparer.Ordinal);
        foreach (var model in enums.Where(e => !e.IsText).OrderBy(e => e.FullTypeName, StringComparer.Ordinal))
        {
            var key = SchemaOrPublic(model.DbSchema) + "." + model.DbName;
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateEnumType, model.Location, first.TypeName, model.TypeName, model.DbName));
            }
            else
            {
                seen.Add(key, model);
            }
        }
    }

    /// <summary>SCH0018: foreign keys that lead from a table back to itself through other tables (a self-reference is fine).</summary>
    public static void ReportForeignKeyCycles(List<EntityModel> entities, Dictionary<string, EntityModel> byType, List<DiagnosticInfo> diagnostics)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            edges[entity.FullTypeName] = entity.Properties
                .Select(p => p.ForeignKey?.PrincipalFullTypeName)
                .Where(t => t is not null && t != entity.FullTypeName && byType.ContainsKey(t))
                .Select(t => t!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        foreach (var component in StronglyConnected(entities.Select(e => e.FullTypeName).ToList(), edges).Where(c => c.Count > 1))
        {
            var members = new HashSet<string>(component, StringComparer.Ordinal);
            var start = component.OrderBy(t => t, StringComparer.Ordinal).First();
            var closing = byType[start].Properties.First(p => p.ForeignKey is { } fk && fk.PrincipalFullTypeName != start && members.Contains(fk.PrincipalFullTypeName));
            var path = ShortestPath(closing.ForeignKey!.PrincipalFullTypeName, start, edges, members);
            var tables = new[] { start }.Concat(path).Select(t => "'" + byType[t].TableName + "'");
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForeignKeyCycle, closing.ForeignKey.Location ?? closing.Location, string.Join(" → ", tables)));
        }
    }

    /// <summary>Tarjan's algorithm, iteratively, so a long chain of entities cannot overflow the stack.</summary>
    private static List<List<string>> StronglyConnected(List<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = edges.TryGetValue(node, out var list) ? list : new List<string>();
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = low[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }
            }
        }

        return result;
    }

    /// <summary>The nodes after <paramref name="from"/> up to and including <paramref name="to"/>, inside one component.</summary>
    private static List<string> ShortestPath(string from, string to, Dictionary<string, List<string>> edges, HashSet<string> members)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0 && !previous.ContainsKey(to))
        {
            var node = queue.Dequeue();
            foreach (var target in edges[node].Where(members.Contains))
            {
                if (!previous.ContainsKey(target))
                {
                    previous[target] = node;
                    queue.Enqueue(target);
                }
            }
        }

        var path = new List<string>();
        for (string? node = to; node is not null && previous.ContainsKey(node); node = previous[node])
        {
            path.Insert(0, node);
        }

        return path;
    }
}
