using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;
using Schemata.Generator.Shared;
using Schemata.Generator.Naming;

namespace Schemata.Generator.Parsing;

/// <summary>Turns one <c>[Table]</c> class into an <see cref="EntityModel"/> and the diagnostics found on the way.</summary>
internal static class EntityParser
{
    public static Parsed<EntityModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
        {
            return new Parsed<EntityModel>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var classLocation = context.TargetNode is TypeDeclarationSyntax declaration
            ? LocationInfo.From(declaration.Identifier.GetLocation())
            : LocationInfo.From(context.TargetNode);
        var table = context.Attributes[0];
        var tableName = table.CtorString(0);
        if (table.ConstructorArguments.Length > 0 && string.IsNullOrWhiteSpace(tableName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(table.GetLocation()), "Table", "the table name is empty"));
            tableName = null;
        }

        tableName ??= NameConventions.TableName(type.Name);
        if (NameConventions.IsTooLong(tableName))
        {
            diagnostics.Add(SchemaValidation.TooLong(tableName, LocationInfo.From(table.GetLocation())));
        }

        var dbSchema = table.NamedString("Schema");
        if (dbSchema is not null && string.IsNullOrWhiteSpace(dbSchema))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(table.GetArgumentLocation("Schema")), "Table", "Schema is empty"));
            dbSchema = null;
        }

        if (dbSchema is not null && NameConventions.IsTooLong(dbSchema))
        {
            diagnostics.Add(SchemaValidation.TooLong(dbSchema, LocationInfo.From(table.GetArgumentLocation("Schema"))));
        }

        var renamedFrom = table.NamedString("RenamedFrom");
        if (renamedFrom is not null && string.IsNullOrWhiteSpace(renamedFrom))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(table.GetArgumentLocation("RenamedFrom")), "Table", "RenamedFrom is empty"));
            renamedFrom = null;
        }
        else if (renamedFrom == tableName)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RenameHintMatchesNothing, LocationInfo.From(table.GetArgumentLocation("RenamedFrom")), renamedFrom, type.Name, "it is the table's current name; name the old table, or remove the hint"));
            renamedFrom = null;
        }

        var hierarchy = Hierarchy(type);
        var symbols = MappedProperties(hierarchy);
        var keyOrders = KeyOrders(symbols);
        if (keyOrders.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EntityWithoutKey, classLocation, type.Name));
        }

        var enums = new Dictionary<string, EnumModel>();
        var parser = new PropertyParser(context.SemanticModel, diagnostics, enums);
        var properties = new List<PropertyModel>();
        foreach (var symbol in symbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var order = keyOrders.TryGetValue(symbol.Name, out var keyOrder) ? keyOrder : -1;
            var property = parser.Parse(symbol, order, keyOrders.Count == 1);
            if (property is not null)
            {
                properties.Add(property);
            }
        }

        var softDeleteAttribute = hierarchy.Select(t => t.GetAttributes().Find(AttributeNames.SoftDelete)).FirstOrDefault(a => a is not null);
        var isSoftDelete = ResolveSoftDelete(type, softDeleteAttribute, properties, diagnostics);
        properties = OrderColumns(properties);
        ReportDuplicateColumns(type, properties, diagnostics);

        var indexes = new List<IndexDeclaration>();
        var uniques = new List<UniqueModel>();
        var checks = new List<CheckModel>();
        var grants = new List<GrantDeclaration>();
        ReadClassConstraints(hierarchy, indexes, uniques, checks, diagnostics);
        ReadPropertyConstraints(symbols, indexes, uniques, checks, diagnostics);
        ValidatePropertyNames(type.Name, properties, indexes, uniques, diagnostics);
        EntityValidation.ReportUniquesOverDeletedRows(type.Name, isSoftDelete, indexes, uniques, diagnostics);
        EntityValidation.ReportRenameHints(symbols, properties, diagnostics);
        foreach (var grant in type.GetAttributes().All(AttributeNames.Grant))
        {
            var model = GrantReader.Read(grant, diagnostics);
            if (model is not null)
            {
                grants.Add(model);
            }
        }

        var backfills = new List<BackfillDeclaration>();
        foreach (var backfill in type.GetAttributes().All(AttributeNames.Backfill))
        {
            backfills.Add(new BackfillDeclaration(
                backfill.CtorString(0) ?? string.Empty,
                backfill.CtorString(1) ?? string.Empty,
                backfill.CtorString(2) ?? string.Empty,
                EmptyToNull(backfill.NamedString("Where")),
                backfill.NamedInt("BatchSize", 1000),
                LocationInfo.From(backfill.GetLocation())));
        }

        var entity = new EntityModel(
            type.FullName(),
            type.Name,
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            tableName,
            dbSchema,
            renamedFrom,
            isSoftDelete,
            properties.ToEquatableArray(),
            indexes.ToEquatableArray(),
            uniques.ToEquatableArray(),
            checks.ToEquatableArray(),
            grants.ToEquatableArray(),
            backfills.ToEquatableArray(),
            enums.Values.OrderBy(e => e.FullTypeName, System.StringComparer.Ordinal).ToEquatableArray(),
            IsPublic(type),
            classLocation);
        return new Parsed<EntityModel>(entity, diagnostics.ToEquatableArray());
    }

    /// <summary>Whether the type and every type containing it are public, so generated public members may expose it.</summary>
    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The type and its base classes, most basic first (object excluded).</summary>
    private static List<INamedTypeSymbol> Hierarchy(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        return chain;
    }

    /// <summary>Mapped properties, base class first, each name once (an override keeps the base's position).</summary>
    private static List<IPropertySymbol> MappedProperties(List<INamedTypeSymbol> hierarchy)
    {
        var byName = new Dictionary<string, int>();
        var result = new List<IPropertySymbol>();
        foreach (var level in hierarchy)
        {
            foreach (var member in level.GetMembers())
            {
                if (member is not IPropertySymbol property || !PropertyParser.IsMapped(property))
                {
                    continue;
                }

                if (byName.TryGetValue(property.Name, out var index))
                {
                    result[index] = property;
                }
                else
                {
                    byName.Add(property.Name, result.Count);
                    result.Add(property);
                }
            }
        }

        return result;
    }

    /// <summary>Key property name → position in the key; a property named Id when nothing is marked [Key].</summary>
    private static Dictionary<string, int> KeyOrders(List<IPropertySymbol> properties)
    {
        var marked = properties
            .Select((p, index) => (Property: p, Index: index, Key: p.GetAttributes().Find(AttributeNames.Key)))
            .Where(x => x.Key is not null)
            .OrderBy(x => x.Key!.NamedInt("Order"))
            .ThenBy(x => x.Index)
            .ToList();
        var result = new Dictionary<string, int>();
        if (marked.Count > 0)
        {
            for (var i = 0; i < marked.Count; i++)
            {
                result[marked[i].Property.Name] = i;
            }
        }
        else if (properties.Any(p => p.Name == "Id"))
        {
            result["Id"] = 0;
        }

        return result;
    }

    private static bool IsTimestamp(StoreType? type) => type is { Name: "timestamptz", IsArray: false };

    private static bool ResolveSoftDelete(INamedTypeSymbol type, AttributeData? softDelete, List<PropertyModel> properties, List<DiagnosticInfo> diagnostics)
    {
        var marked = properties.FindIndex(p => p.Role == ColumnRole.DeletedAt);
        if (marked < 0 && softDelete is not null)
        {
            marked = properties.FindIndex(p => p.Name == "DeletedAt");
            if (marked >= 0)
            {
                properties[marked] = properties[marked] with { Role = ColumnRole.DeletedAt };
            }
        }

        if (marked >= 0 && (!properties[marked].IsNullable || !IsTimestamp(properties[marked].StoreType)))
        {
            var property = properties[marked];
            var problem = IsTimestamp(property.StoreType)
                ? "'" + property.Name + "' is not nullable, so a live row could not leave it empty: make it 'DateTimeOffset?'"
                : "'" + property.Name + "' is stored as " + (property.StoreType?.Sql ?? "an enum") + ", not a timestamp: make it 'DateTimeOffset?'";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftDeleteWithoutDeletedAt, property.Location, type.Name, problem));
            return false;
        }

        if (marked < 0 && softDelete is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.SoftDeleteWithoutDeletedAt,
                LocationInfo.From(softDelete.GetLocation()),
                type.Name,
                "add a 'DateTimeOffset? DeletedAt' property (or mark one [DeletedAt]), or derive from SoftDeletableEntity"));
        }

        return marked >= 0;
    }

    /// <summary>Key columns first, then plain columns in declaration order, then the timestamps.</summary>
    private static List<PropertyModel> OrderColumns(List<PropertyModel> properties)
        => properties
            .Select((p, index) => (Property: p, Index: index))
            .OrderBy(x => x.Property.IsKey ? 0 : x.Property.Role == ColumnRole.Plain ? 1 : 1 + (int)x.Property.Role)
            .ThenBy(x => x.Property.IsKey ? x.Property.KeyOrder : x.Index)
            .Select(x => x.Property)
            .ToList();

    private static void ReportDuplicateColumns(INamedTypeSymbol type, List<PropertyModel> properties, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, PropertyModel>();
        foreach (var property in properties)
        {
            if (seen.TryGetValue(property.ColumnName, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateColumn, property.Location, first.Name, property.Name, type.Name, property.ColumnName));
            }
            else
            {
                seen.Add(property.ColumnName, property);
            }
        }
    }

    private static void ReadClassConstraints(List<INamedTypeSymbol> hierarchy, List<IndexDeclaration> indexes, List<UniqueModel> uniques, List<CheckModel> checks, List<DiagnosticInfo> diagnostics)
    {
        foreach (var level in hierarchy)
        {
            foreach (var attribute in level.GetAttributes())
            {
                ReadConstraint(attribute, property: null, indexes, uniques, checks, diagnostics);
            }
        }
    }

    private static void ReadPropertyConstraints(List<IPropertySymbol> symbols, List<IndexDeclaration> indexes, List<UniqueModel> uniques, List<CheckModel> checks, List<DiagnosticInfo> diagnostics)
    {
        foreach (var symbol in symbols)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                ReadConstraint(attribute, symbol.Name, indexes, uniques, checks, diagnostics);
            }
        }
    }

    /// <summary>
    /// Reads one [Index], [Unique] or [Check]. On a class (<paramref name="property"/> null) an index or unique
    /// constraint must name its properties; on a property, naming none means that property.
    /// </summary>
    private static void ReadConstraint(AttributeData attribute, string? property, List<IndexDeclaration> indexes, List<UniqueModel> uniques, List<CheckModel> checks, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.From(attribute.GetLocation());
        switch (attribute.AttributeClass?.ToDisplayString())
        {
            case AttributeNames.Index:
                if (Properties(attribute, property, "Index", location, diagnostics) is { } columns)
                {
                    ReportEmptyArguments(attribute, "Index", diagnostics, "Name", "Filter", "Method");
                    indexes.Add(ReadIndex(attribute, columns, location));
                }

                break;
            case AttributeNames.Unique:
                if (Properties(attribute, property, "Unique", location, diagnostics) is { } unique)
                {
                    ReportEmptyArguments(attribute, "Unique", diagnostics, "Name");
                    uniques.Add(new UniqueModel(unique.ToEquatableArray(), EmptyToNull(attribute.NamedString("Name")), location));
                }

                break;
            case AttributeNames.Check:
                var expression = attribute.CtorString(0);
                if (string.IsNullOrWhiteSpace(expression))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, "Check", "the expression is empty"));
                    break;
                }

                ReportEmptyArguments(attribute, "Check", diagnostics, "Name");
                checks.Add(new CheckModel(expression!, property, EmptyToNull(attribute.NamedString("Name")), location));
                break;
        }
    }

    /// <summary>The properties an index or unique constraint names, or null (reported) when a class-level one names none.</summary>
    private static List<string>? Properties(AttributeData attribute, string? property, string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var properties = attribute.CtorStrings();
        if (properties.Count > 0)
        {
            return properties;
        }

        if (property is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, name, "name at least one property"));
            return null;
        }

        properties.Add(property);
        return properties;
    }

    private static IndexDeclaration ReadIndex(AttributeData attribute, List<string> columns, LocationInfo? location)
        => new(
            columns.ToEquatableArray(),
            attribute.NamedBool("Unique"),
            EmptyToNull(attribute.NamedString("Filter")),
            EmptyToNull(attribute.NamedString("Method"))?.Trim().ToLowerInvariant(),
            EmptyToNull(attribute.NamedString("Name")),
            attribute.NamedBool("LiveRowsOnly"),
            location);

    private static void ValidatePropertyNames(string typeName, List<PropertyModel> properties, List<IndexDeclaration> indexes, List<UniqueModel> uniques, List<DiagnosticInfo> diagnostics)
    {
        var names = new HashSet<string>(properties.Select(p => p.Name));
        foreach (var index in indexes)
        {
            foreach (var name in index.Properties.Where(n => !names.Contains(n)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownProperty, index.Location, "Index", typeName, name));
            }
        }

        foreach (var unique in uniques)
        {
            foreach (var name in unique.Properties.Where(n => !names.Contains(n)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownProperty, unique.Location, "Unique", typeName, name));
            }
        }
    }

    /// <summary>An empty <c>Name = ""</c> (or Filter, Method) would otherwise be ignored without a word.</summary>
    private static void ReportEmptyArguments(AttributeData attribute, string attributeName, List<DiagnosticInfo> diagnostics, params string[] names)
    {
        foreach (var name in names)
        {
            var value = attribute.NamedString(name);
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(attribute.GetArgumentLocation(name)), attributeName, name + " is empty"));
            }
        }
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

}
