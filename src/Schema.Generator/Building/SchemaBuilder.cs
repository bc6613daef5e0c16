using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;
using Schemata.Generator.Naming;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Building;

/// <summary>
/// Resolves all entities together: enum store types, foreign keys to their principals, constraint and index
/// names, and the DDL of every object in dependency order.
/// </summary>
internal static class SchemaBuilder
{
    private static readonly HashSet<string> IndexMethods = new(StringComparer.Ordinal) { "btree", "hash", "gin", "gist", "spgist", "brin" };

    public static BuildResult Build(ImmutableArray<EntityModel> entityList, ImmutableArray<EnumModel> declaredEnums, ImmutableArray<DataStepDeclaration> dataStepMethods, AssemblyOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var entities = entityList.OrderBy(e => e.FullTypeName, StringComparer.Ordinal).ToList();
        var byType = new Dictionary<string, EntityModel>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            byType[entity.FullTypeName] = entity;
        }

        var enums = CollectEnums(entities, declaredEnums);
        var duplicates = ReportDuplicateTables(entities, diagnostics);
        SchemaValidation.ReportDuplicateEnumTypes(declaredEnums, diagnostics);
        SchemaValidation.ReportForeignKeyCycles(entities, byType, diagnostics);
        SchemaValidation.ReportTableRenameHints(entities, diagnostics);

        var names = new List<SchemaValidation.NameUse>();
        var tables = entities.Select(e => BuildTable(e, byType, enums, diagnostics, duplicates.Contains(e.FullTypeName) ? null : names)).OrderBy(t => t.QualifiedName, StringComparer.Ordinal).ToList();
        SchemaValidation.ReportDuplicateNames(names, diagnostics);
        var enumTypes = enums.Values
            .Where(e => !e.IsText)
            .OrderBy(e => Sql.Qualify(e.DbSchema, e.DbName), StringComparer.Ordinal)
            .Select(e => new EnumTypeModel(e.DbSchema, e.DbName, e.Members.Select(m => m.DbName).ToEquatableArray()))
            .ToList();
        var dbSchemas = tables.Select(t => t.Schema).Concat(enumTypes.Select(e => e.Schema))
            .Where(s => s is not null).Select(s => s!).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var grants = BuildGrants(entities, options);

        var script = string.Join("\n\n", Ddl.Script(dbSchemas, enumTypes, tables, grants, currentSchema: "public"));
        var dataSteps = BuildDataSteps(entities, dataStepMethods, diagnostics);
        var (access, enumMappings) = AccessBuilder.Build(entities, enums, options.Namespace);
        var output = new SchemaOutput(
            options.Namespace,
            dbSchemas.ToEquatableArray(),
            enumTypes.ToEquatableArray(),
            tables.ToEquatableArray(),
            grants.ToEquatableArray(),
            dataSteps.ToEquatableArray(),
            script,
            Hash(script + DataStepsText(dataSteps)),
            access.ToEquatableArray(),
            enumMappings.ToEquatableArray());
        return new BuildResult(output, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The data steps, in the order they run (their ids, ordinal): every entity's backfills and every data-step method,
    /// each checked (an id, unique; a mapped property; a batch size above zero; a method of the right shape).
    /// </summary>
    private static List<DataStepOutput> BuildDataSteps(List<EntityModel> entities, ImmutableArray<DataStepDeclaration> methods, List<DiagnosticInfo> diagnostics)
    {
        var steps = new List<(DataStepOutput Step, LocationInfo? Location)>();
        foreach (var entity in entities)
        {
            foreach (var backfill in entity.Backfills)
            {
                var property = entity.Properties.FirstOrDefault(p => p.Name == backfill.Property);
                var problem = property is null ? "'" + backfill.Property + "' is not a mapped property of " + entity.TypeName
                    : backfill.Expression.Trim().Length == 0 ? "the expression is empty"
                    : null;
                if (Check(backfill.Id, backfill.BatchSize, problem, backfill.Location, diagnostics))
                {
                    var where = backfill.Where ?? Sql.Quote(property!.ColumnName) + " IS NULL";
                    steps.Add((new DataStepOutput(backfill.Id, entity.DbSchema, entity.TableName, property!.ColumnName, backfill.Expression, where, null, backfill.BatchSize), backfill.Location));
                }
            }
        }

        foreach (var method in methods)
        {
            if (Check(method.Id, method.BatchSize, method.Problem, method.Location, diagnostics))
            {
                steps.Add((new DataStepOutput(method.Id, null, null, null, null, null, method.Method, method.BatchSize), method.Location));
            }
        }

        var result = new List<DataStepOutput>();
        foreach (var group in steps.GroupBy(s => s.Step.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            result.Add(group.First().Step);
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DataStepDeclaredWrong, duplicate.Location, group.Key, "another data step has the same id; ids say which steps ran, so each must be unique"));
            }
        }

        return result;
    }

    private static bool Check(string id, int batchSize, string? problem, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        problem ??= id.Trim().Length == 0 ? "its id is empty" : batchSize <= 0 ? "BatchSize must be above zero" : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DataStepDeclaredWrong, location, id, problem));
        }

        return problem is null;
    }

    /// <summary>The data steps as part of what the hash covers: a new step is a new model.</summary>
    private static string DataStepsText(List<DataStepOutput> steps)
    {
        var text = new StringBuilder();
        foreach (var step in steps)
        {
            text.Append("\n-- data step ").Append(step.Id).Append(": ").Append(step.Method ?? step.Table + "." + step.Column + " = " + step.Expression + " WHERE " + step.Where);
        }

        return text.ToString();
    }

    private static string Hash(string script)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(script));
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static Dictionary<string, EnumModel> CollectEnums(List<EntityModel> entities, ImmutableArray<EnumModel> declared)
    {
        var enums = new Dictionary<string, EnumModel>(StringComparer.Ordinal);
        foreach (var e in declared.Concat(entities.SelectMany(e => e.Enums)))
        {
            enums[e.FullTypeName] = e;
        }

        return enums;
    }

    /// <summary>Reports entities whose table another entity already maps (no schema means <c>public</c>); returns them.</summary>
    private static HashSet<string> ReportDuplicateTables(List<EntityModel> entities, List<DiagnosticInfo> diagnostics)
    {
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, EntityModel>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            var key = SchemaValidation.SchemaOrPublic(entity.DbSchema) + "." + entity.TableName;
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTable, entity.Location, first.TypeName, entity.TypeName, entity.TableName));
                duplicates.Add(entity.FullTypeName);
            }
            else
            {
                seen.Add(key, entity);
            }
        }

        return duplicates;
    }

    private static TableModel BuildTable(EntityModel entity, Dictionary<string, EntityModel> byType, Dictionary<string, EnumModel> enums, List<DiagnosticInfo> diagnostics, List<SchemaValidation.NameUse>? names)
    {
        // Where each constraint and index name came from, so that a clash can be reported on the declaration.
        var uses = new List<(string Name, LocationInfo? Location, bool IsRelation)>();
        var table = entity.TableName;
        var qualified = Sql.Qualify(entity.DbSchema, table);
        var columns = new List<ColumnModel>();
        var constraints = new List<ConstraintModel>();
        foreach (var property in entity.Properties)
        {
            var storeType = property.StoreType ?? new StoreType("text");
            if (property.Enum is { } enumRef && enums.TryGetValue(enumRef.FullTypeName, out var enumModel))
            {
                storeType = EnumStoreType(property, enumModel, enumRef.IsArray);
                if (enumModel.IsText)
                {
                    var values = enumModel.Members.Select(m => m.DbName).ToEquatableArray();
                    var name = NameConventions.ConstraintName("ck", table, new[] { property.ColumnName, "enum" });
                    var expression = Ddl.AllowedValuesCheck(property.ColumnName, values, enumRef.IsArray);
                    constraints.Add(Check(name, new[] { property.ColumnName }, expression) with { AllowedValues = values });
                    uses.Add((constraints[constraints.Count - 1].Name, property.Location, false));
                }
            }

            columns.Add(new ColumnModel(property.ColumnName, storeType, property.IsNullable, property.DefaultSql, property.Identity, property.RenamedFrom));

            if (property.MinLength is { } min)
            {
                var expression = "char_length(" + Sql.Quote(property.ColumnName) + ") >= " + min.ToString(CultureInfo.InvariantCulture);
                constraints.Add(Check(NameConventions.ConstraintName("ck", table, new[] { property.ColumnName, "length" }), new[] { property.ColumnName }, expression));
                uses.Add((constraints[constraints.Count - 1].Name, property.Location, false));
            }

            if (property.ForeignKey is { } foreignKey)
            {
                var fk = BuildForeignKey(entity, property, foreignKey, byType, diagnostics);
                if (fk is not null)
                {
                    constraints.Add(fk);
                    uses.Add((fk.Name, foreignKey.Location, false));
                }
            }
        }

        var keyColumns = entity.Properties.Where(p => p.IsKey).OrderBy(p => p.KeyOrder).Select(p => p.ColumnName).ToList();
        if (keyColumns.Count > 0)
        {
            var primaryKey = new ConstraintModel(NameConventions.Shorten("pk_" + table), ConstraintKind.PrimaryKey, keyColumns.ToEquatableArray());
            constraints.Insert(0, primaryKey);
            uses.Add((primaryKey.Name, entity.Location, true));
        }

        var columnOf = entity.Properties.ToDictionary(p => p.Name, p => p.ColumnName, StringComparer.Ordinal);
        foreach (var unique in entity.Uniques)
        {
            var uniqueColumns = Resolve(unique.Properties, columnOf);
            var name = unique.Name ?? NameConventions.ConstraintName("uq", table, uniqueColumns);
            CheckLength(name, unique.Location, diagnostics);
            constraints.Add(new ConstraintModel(name, ConstraintKind.Unique, uniqueColumns.ToEquatableArray()));
            uses.Add((name, unique.Location, true));
        }

        foreach (var check in entity.Checks)
        {
            var name = check.Name
                ?? (check.Property is not null && columnOf.TryGetValue(check.Property, out var column)
                    ? NameConventions.ConstraintName("ck", table, new[] { column })
                    : NameConventions.Shorten("ck_" + table + "_" + NameConventions.Fnv1a(check.Expression).ToString("x8", CultureInfo.InvariantCulture)));
            CheckLength(name, check.Location, diagnostics);
            var checkColumns = check.Property is not null && columnOf.TryGetValue(check.Property, out var c) ? new[] { c } : Array.Empty<string>();
            constraints.Add(Check(name, checkColumns, check.Expression));
            uses.Add((name, check.Location, false));
        }

        var indexes = new List<IndexModel>();
        foreach (var index in entity.Indexes)
        {
            var built = BuildIndex(entity, index, columnOf, diagnostics);
            if (built is not null)
            {
                indexes.Add(built);
                uses.Add((built.Name, index.Location, true));
            }
        }

        names?.Add(new SchemaValidation.NameUse(entity.DbSchema, qualified, table, entity.Location, IsTable: true, IsRelation: true));
        names?.AddRange(uses.Select(u => new SchemaValidation.NameUse(entity.DbSchema, qualified, u.Name, u.Location ?? entity.Location, IsTable: false, u.IsRelation)));
        return new TableModel(
            entity.DbSchema,
            table,
            columns.ToEquatableArray(),
            constraints.OrderBy(c => c.Kind).ToEquatableArray(),
            indexes.ToEquatableArray(),
            entity.RenamedFrom);
    }

    private static StoreType EnumStoreType(PropertyModel property, EnumModel enumModel, bool isArray)
    {
        if (property.StoreType is { } explicitType)
        {
            // An explicit [Column(Type = ...)] wins.
            return explicitType;
        }

        return enumModel.IsText ? new StoreType("text", IsArray: isArray) : new StoreType(enumModel.DbName, enumModel.DbSchema, IsArray: isArray);
    }

    private static ConstraintModel? BuildForeignKey(EntityModel entity, PropertyModel property, ForeignKeyModel foreignKey, Dictionary<string, EntityModel> byType, List<DiagnosticInfo> diagnostics)
    {
        if (!byType.TryGetValue(foreignKey.PrincipalFullTypeName, out var principal))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForeignKeyTargetNotEntity, foreignKey.Location, property.Name, ShortName(foreignKey.PrincipalFullTypeName)));
            return null;
        }

        var principalKey = principal.Properties.Where(p => p.IsKey).OrderBy(p => p.KeyOrder).ToList();
        if (principalKey.Count != 1)
        {
            if (principalKey.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CompositeForeignKeyTarget, foreignKey.Location, property.Name, principal.TypeName, principalKey.Count.ToString(CultureInfo.InvariantCulture)));
            }

            return null;
        }

        var key = principalKey[0];
        if (StripNullable(property.ClrType) != StripNullable(key.ClrType))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForeignKeyTypeMismatch, property.Location, property.Name, ShortName(property.ClrType), principal.TypeName, ShortName(key.ClrType)));
            return null;
        }

        var name = foreignKey.Name ?? NameConventions.ConstraintName("fk", entity.TableName, new[] { property.ColumnName });
        CheckLength(name, foreignKey.Location, diagnostics);
        var references = new ForeignKeyReference(principal.DbSchema, principal.TableName, new[] { key.ColumnName }.ToEquatableArray(), foreignKey.OnDelete, foreignKey.OnUpdate);
        return new ConstraintModel(name, ConstraintKind.ForeignKey, new[] { property.ColumnName }.ToEquatableArray(), References: references);
    }

    private static IndexModel? BuildIndex(EntityModel entity, IndexDeclaration index, Dictionary<string, string> columnOf, List<DiagnosticInfo> diagnostics)
    {
        var method = index.Method ?? "btree";
        if (!IndexMethods.Contains(method))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, index.Location, "Index", "Method '" + method + "' is not one of btree, hash, gin, gist, spgist, brin"));
            return null;
        }

        var filter = index.Filter;
        if (index.LiveRowsOnly)
        {
            var deletedAt = entity.Properties.FirstOrDefault(p => p.Role == ColumnRole.DeletedAt);
            if (!entity.IsSoftDelete || deletedAt is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, index.Location, "Index", "LiveRowsOnly needs a soft-deletable entity"));
            }
            else
            {
                var live = Sql.Quote(deletedAt.ColumnName) + " IS NULL";
                filter = filter is null ? live : "(" + filter + ") AND " + live;
            }
        }

        var columns = Resolve(index.Properties, columnOf);
        var name = index.Name ?? NameConventions.ConstraintName(index.IsUnique ? "uq" : "ix", entity.TableName, columns);
        CheckLength(name, index.Location, diagnostics);
        return new IndexModel(name, columns.ToEquatableArray(), index.IsUnique, method, filter);
    }

    private static List<GrantModel> BuildGrants(List<EntityModel> entities, AssemblyOptions options)
    {
        var grants = options.Grants.Select(g => new GrantModel(g.Role, g.Privileges)).ToList();
        foreach (var entity in entities)
        {
            grants.AddRange(entity.Grants.Select(g => new GrantModel(g.Role, g.Privileges, entity.DbSchema, entity.TableName)));
        }

        return grants;
    }

    private static ConstraintModel Check(string name, IEnumerable<string> columns, string expression)
        => new(name, ConstraintKind.Check, columns.ToEquatableArray(), expression);

    private static List<string> Resolve(EquatableArray<string> properties, Dictionary<string, string> columnOf)
        => properties.Select(p => columnOf.TryGetValue(p, out var column) ? column : NameConventions.ToSnakeCase(p)).ToList();

    private static void CheckLength(string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (NameConventions.IsTooLong(name))
        {
            diagnostics.Add(SchemaValidation.TooLong(name, location));
        }
    }

    private static string StripNullable(string clrType) => clrType.TrimEnd('?');

    private static string ShortName(string fullTypeName)
    {
        var name = fullTypeName.StartsWith("global::", StringComparison.Ordinal) ? fullTypeName.Substring(8) : fullTypeName;
        return name;
    }
}
