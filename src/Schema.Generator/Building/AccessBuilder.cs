using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Schemata.Generator.Model;
using Schemata.Generator.Shared;
using Schemata.Generator.Naming;
using Schemata.Generator.Parsing;

namespace Schemata.Generator.Building;

/// <summary>Resolves what the generated data access needs: columns, finders, cascades and enum mappers.</summary>
internal static class AccessBuilder
{
    public static (List<EntityAccess> Entities, List<EnumMapping> Enums) Build(List<EntityModel> entities, Dictionary<string, EnumModel> enums, string? ns)
    {
        var mappers = EnumMappers(enums, ns);
        var result = new List<EntityAccess>();
        foreach (var entity in entities)
        {
            if (!entity.Properties.Any(p => p.IsKey))
            {
                continue;
            }

            var columns = entity.Properties.Select(p => Column(entity, p, enums, mappers)).ToList();
            result.Add(new EntityAccess(
                entity.TypeName,
                entity.FullTypeName,
                entity.Namespace,
                entity.IsPublic,
                Pascal(NameConventions.Pluralize(entity.TypeName)),
                entity.TableName,
                Sql.Qualify(entity.DbSchema, entity.TableName),
                columns.ToEquatableArray(),
                entity.IsSoftDelete,
                Finders(entity, columns).ToEquatableArray(),
                Cascade(entity, entities).ToEquatableArray(),
                NameConventions.Shorten("pk_" + entity.TableName),
                Parents(entity, entities).ToEquatableArray()));
        }

        var enumMappings = mappers
            .OrderBy(m => m.Value, StringComparer.Ordinal)
            .Select(m => new EnumMapping(m.Key, enums[m.Key].TypeName, m.Value, m.Value.Substring(m.Value.LastIndexOf(':') + 1).Split('.').Last(), enums[m.Key].Members))
            .ToList();
        return (result, enumMappings);
    }

    /// <summary>Escapes a C# keyword used as a parameter name.</summary>
    public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static Dictionary<string, string> EnumMappers(Dictionary<string, EnumModel> enums, string? ns)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in enums.Values.OrderBy(e => e.FullTypeName, StringComparer.Ordinal))
        {
            var name = e.TypeName + "DbValues";
            for (var i = 2; !used.Add(name); i++)
            {
                name = e.TypeName + "DbValues" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result[e.FullTypeName] = "global::" + (ns is null ? string.Empty : ns + ".") + name;
        }

        return result;
    }

    private static ColumnAccess Column(EntityModel entity, PropertyModel p, Dictionary<string, EnumModel> enums, Dictionary<string, string> mappers)
    {
        EnumAccess? enumAccess = null;
        if (p.Enum is { } reference && enums.TryGetValue(reference.FullTypeName, out var model))
        {
            enumAccess = new EnumAccess(mappers[reference.FullTypeName], model.IsText ? null : Sql.Qualify(model.DbSchema, model.DbName));
        }

        var singleKey = entity.Properties.Count(x => x.IsKey) == 1;
        var isServerKey = p.IsKey && singleKey && (p.Identity != ColumnIdentity.None || p.DefaultSql == "gen_random_uuid()");
        return new ColumnAccess(
            p.Name,
            p.ColumnName,
            p.Access.ClrType,
            p.Access.IsValueType,
            p.IsNullable,
            p.Access.Kind,
            p.Access.IsArray,
            p.Role,
            p.KeyOrder,
            isServerKey,
            p.Identity != ColumnIdentity.None,
            p.MinLength,
            p.MaxLength,
            p.Access.Precision,
            p.Access.Scale,
            p.Access.IsInitOnly,
            enumAccess);
    }

    private static List<FinderAccess> Finders(EntityModel entity, List<ColumnAccess> columns)
    {
        var index = columns.Select((c, i) => (c.Property, i)).ToDictionary(x => x.Property, x => x.i, StringComparer.Ordinal);
        // The database names are the ones the schema gives them (SchemaBuilder): declared, or by the naming convention.
        string Convention(string prefix, EquatableArray<string> properties)
            => NameConventions.ConstraintName(prefix, entity.TableName, properties.Select(p => columns[index[p]].Column));
        var declared = entity.Indexes.Where(i => i.Properties.All(index.ContainsKey))
            .Select(i => (i.Properties, i.IsUnique, i.Filter, i.LiveRowsOnly && entity.IsSoftDelete, i.Name ?? Convention(i.IsUnique ? "uq" : "ix", i.Properties)))
            .Concat(entity.Uniques.Where(u => u.Properties.All(index.ContainsKey))
                .Select(u => (u.Properties, true, (string?)null, false, u.Name ?? Convention("uq", u.Properties))));
        var result = new List<FinderAccess>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (properties, unique, filter, live, indexName) in declared)
        {
            if (properties.Count == 0 || !properties.All(index.ContainsKey))
            {
                continue;
            }

            var name = string.Join("And", properties);
            if (!names.Add((unique ? "Get" : "List") + name))
            {
                continue;
            }

            result.Add(new FinderAccess(name, properties.Select(p => index[p]).ToEquatableArray(), unique, unique ? filter : null, live, indexName));
        }

        return result;
    }

    /// <summary>The soft-deletable parents a soft-deletable entity follows through <c>CascadeSoftDelete</c> foreign keys.</summary>
    private static List<ParentAccess> Parents(EntityModel child, List<EntityModel> entities)
    {
        var result = new List<ParentAccess>();
        if (!child.IsSoftDelete)
        {
            return result;
        }

        foreach (var fk in child.Properties.Where(p => p.ForeignKey is { CascadeSoftDelete: true }))
        {
            var parent = entities.FirstOrDefault(e => e.FullTypeName == fk.ForeignKey!.PrincipalFullTypeName);
            var keys = parent?.Properties.Where(p => p.IsKey).ToList();
            var deletedAt = parent?.Properties.FirstOrDefault(p => p.Role == ColumnRole.DeletedAt);
            if (parent is not { IsSoftDelete: true } || keys is not { Count: 1 } || deletedAt is null)
            {
                continue;
            }

            // The name the schema gives the foreign key (SchemaBuilder): declared, or by the naming convention.
            var name = fk.ForeignKey!.Name ?? NameConventions.ConstraintName("fk", child.TableName, new[] { fk.ColumnName });
            result.Add(new ParentAccess(Sql.Qualify(parent.DbSchema, parent.TableName), parent.TableName, keys[0].ColumnName, deletedAt.ColumnName, fk.ColumnName, name));
        }

        return result;
    }

    /// <summary>The soft-deletable dependents reached through <c>CascadeSoftDelete</c> foreign keys, breadth first.</summary>
    private static List<CascadeAccess> Cascade(EntityModel root, List<EntityModel> entities)
    {
        var result = new List<CascadeAccess>();
        if (!root.IsSoftDelete)
        {
            return result;
        }

        var queue = new List<(EntityModel Entity, int Step)> { (root, 0) };
        var visited = new HashSet<string>(StringComparer.Ordinal) { root.FullTypeName };
        for (var head = 0; head < queue.Count; head++)
        {
            var (parent, step) = queue[head];
            if (!parent.Properties.Any(p => p.IsKey))
            {
                continue;
            }

            foreach (var dependent in entities.Where(e => e.IsSoftDelete && !visited.Contains(e.FullTypeName)))
            {
                var fk = dependent.Properties.FirstOrDefault(p => p.ForeignKey is { CascadeSoftDelete: true } f && f.PrincipalFullTypeName == parent.FullTypeName);
                var key = dependent.Properties.FirstOrDefault(p => p.IsKey);
                var deletedAt = dependent.Properties.FirstOrDefault(p => p.Role == ColumnRole.DeletedAt);
                if (fk is null || key is null || deletedAt is null)
                {
                    continue;
                }

                visited.Add(dependent.FullTypeName);
                result.Add(new CascadeAccess(Sql.Qualify(dependent.DbSchema, dependent.TableName), fk.ColumnName, key.ColumnName, deletedAt.ColumnName, step));
                queue.Add((dependent, result.Count));
            }
        }

        return result;
    }
}
