using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;
using Schemata.Generator.Naming;

namespace Schemata.Generator.Parsing;

/// <summary>Reads a <c>[DbEnum]</c> enum into an <see cref="EnumModel"/>.</summary>
internal static class EnumParser
{
    private const int TextStorage = 1;

    /// <summary>The enum's mapping, or <see langword="null"/> when it has no <c>[DbEnum]</c>.</summary>
    public static EnumModel? Parse(INamedTypeSymbol type, List<DiagnosticInfo>? diagnostics)
    {
        var attribute = type.GetAttributes().Find(AttributeNames.DbEnum);
        if (attribute is null)
        {
            return null;
        }

        var location = LocationInfo.From(attribute.GetLocation());
        var name = attribute.CtorString(0);
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, "DbEnum", "the type name is empty"));
            name = null;
        }

        var dbName = name ?? NameConventions.ToSnakeCase(type.Name);
        var dbSchema = attribute.NamedString("Schema");
        if (dbSchema is not null && string.IsNullOrWhiteSpace(dbSchema))
        {
            diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(attribute.GetArgumentLocation("Schema")), "DbEnum", "Schema is empty"));
            dbSchema = null;
        }

        if (dbSchema is not null && NameConventions.IsTooLong(dbSchema))
        {
            diagnostics?.Add(SchemaValidation.TooLong(dbSchema, LocationInfo.From(attribute.GetArgumentLocation("Schema"))));
        }

        var members = new List<EnumMemberModel>();
        var seen = new Dictionary<string, string>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true } field)
            {
                continue;
            }

            var valueAttribute = field.GetAttributes().Find(AttributeNames.DbEnumValue);
            var label = valueAttribute?.CtorString(0);
            if (valueAttribute is not null && string.IsNullOrWhiteSpace(label))
            {
                diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(valueAttribute.GetLocation()), "DbEnumValue", "the value name is empty"));
                label = null;
            }

            label ??= NameConventions.ToSnakeCase(field.Name);
            if (NameConventions.IsTooLong(label))
            {
                var labelLocation = valueAttribute is not null
                    ? LocationInfo.From(valueAttribute.GetLocation())
                    : LocationInfo.From(field.Locations.Length > 0 ? field.Locations[0] : null);
                diagnostics?.Add(SchemaValidation.TooLong(label, labelLocation));
            }

            if (seen.TryGetValue(label, out var first))
            {
                diagnostics?.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateEnumValue,
                    LocationInfo.From(field.Locations.Length > 0 ? field.Locations[0] : null),
                    first,
                    field.Name,
                    type.Name,
                    label));
                continue;
            }

            seen.Add(label, field.Name);
            members.Add(new EnumMemberModel(field.Name, label));
        }

        if (NameConventions.IsTooLong(dbName))
        {
            diagnostics?.Add(SchemaValidation.TooLong(dbName, location));
        }

        return new EnumModel(
            type.FullName(),
            type.Name,
            dbName,
            dbSchema,
            attribute.NamedInt("Storage") == TextStorage,
            members.ToEquatableArray(),
            LocationInfo.From(type.Locations.Length > 0 ? type.Locations[0] : null));
    }

}
