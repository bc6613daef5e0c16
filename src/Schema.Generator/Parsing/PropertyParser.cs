using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;
using Schemata.Generator.Naming;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Parsing;

/// <summary>Reads one property into a <see cref="PropertyModel"/>: column name, type, nullability, default, facets.</summary>
internal sealed class PropertyParser
{
    private readonly SemanticModel _semanticModel;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, EnumModel> _enums;

    public PropertyParser(SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, Dictionary<string, EnumModel> enums)
    {
        _semanticModel = semanticModel;
        _diagnostics = diagnostics;
        _enums = enums;
    }

    /// <summary>Whether the generator maps this property at all.</summary>
    public static bool IsMapped(IPropertySymbol property)
        => !property.IsStatic
            && !property.IsIndexer
            && property.DeclaredAccessibility == Accessibility.Public
            && property.GetMethod is not null
            && property.SetMethod is not null
            && !property.GetAttributes().Any(AttributeNames.Ignore);

    public PropertyModel? Parse(IPropertySymbol property, int keyOrder, bool singleKey)
    {
        var attributes = property.GetAttributes();
        var location = LocationInfo.From(property.Locations.Length > 0 ? property.Locations[0] : null);
        var column = attributes.Find(AttributeNames.Column);
        var columnName = column?.CtorString(0);
        if (column is not null && column.ConstructorArguments.Length > 0 && string.IsNullOrWhiteSpace(columnName))
        {
            Report(DiagnosticDescriptors.InvalidArgument, column, "Column", "the column name is empty");
            columnName = null;
        }

        columnName ??= NameConventions.ToSnakeCase(property.Name);
        var isValueNullable = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        var isNullable = isValueNullable
            || (property.Type.IsReferenceType && property.NullableAnnotation != NullableAnnotation.NotAnnotated);
        var underlying = TypeMapping.Unwrap(property.Type);
        var jsonb = attributes.Any(AttributeNames.Jsonb);
        var mapped = TypeMapping.Map(underlying, jsonb);
        if (!mapped.IsMapped)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, property.Name, underlying.ToDisplayString(TypeMapping.NameFormat), mapped.Error!));
            return null;
        }

        if (jsonb && mapped.Kind != StoreKind.Json)
        {
            Report(
                DiagnosticDescriptors.JsonbOnNonJsonType,
                attributes.Find(AttributeNames.Jsonb)!,
                property.Name,
                underlying.ToDisplayString(TypeMapping.NameFormat),
                mapped.Kind == StoreKind.Enum ? "an enum" : mapped.StoreType?.Sql ?? "a column of its own type");
        }

        var role = ColumnRole.Plain;
        var roleAttribute = attributes.Find(AttributeNames.CreatedAt);
        if (roleAttribute is not null)
        {
            role = ColumnRole.CreatedAt;
        }
        else if ((roleAttribute = attributes.Find(AttributeNames.UpdatedAt)) is not null)
        {
            role = ColumnRole.UpdatedAt;
        }
        else if ((roleAttribute = attributes.Find(AttributeNames.DeletedAt)) is not null)
        {
            role = ColumnRole.DeletedAt;
        }

        if (roleAttribute is not null && (mapped.Kind != StoreKind.Timestamp || mapped.IsArray))
        {
            Report(DiagnosticDescriptors.TimestampOnWrongType, roleAttribute, role.ToString(), property.Name, property.Type.ToDisplayString(TypeMapping.NameFormat));
            return null;
        }

        if (role is ColumnRole.CreatedAt or ColumnRole.UpdatedAt && isNullable)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NullableAutoTimestamp, LocationInfo.From(property.GetTypeLocation()), role.ToString(), property.Name));
        }

        if (IsDateTime(property.Type) && !SaysUtc(property.Name))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DateTimeProperty, LocationInfo.From(property.GetTypeLocation()), property.Name));
        }

        if (mapped.Kind == StoreKind.Decimal && !mapped.IsArray && !attributes.Any(AttributeNames.Precision) && column?.NamedString("Type") is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DecimalWithoutPrecision, location, property.Name));
        }

        EnumRefModel? enumRef = null;
        if (mapped.Kind == StoreKind.Enum && mapped.Enum is not null)
        {
            var enumModel = EnumParser.Parse(mapped.Enum, diagnostics: null);
            if (enumModel is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EnumWithoutMapping, location, property.Name, mapped.Enum.Name));
                return null;
            }

            _enums[enumModel.FullTypeName] = enumModel;
            enumRef = new EnumRefModel(enumModel.FullTypeName, mapped.IsArray);
        }

        var storeType = mapped.StoreType;
        int? minLength = null;
        int? maxLength = null;
        ReadLength(attributes, property, mapped, ref storeType, ref minLength, ref maxLength);
        var (precisionDigits, precisionScale) = ReadPrecision(attributes, property, mapped, ref storeType);

        var typeOverride = column?.NamedString("Type");
        if (typeOverride is not null)
        {
            if (string.IsNullOrWhiteSpace(typeOverride))
            {
                Report(DiagnosticDescriptors.InvalidArgument, column!, "Column", "Type is empty");
            }
            else if (StoreTypeParser.Parse(typeOverride, out var error) is { } parsed)
            {
                storeType = parsed;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidArgument, column!, "Column", "Type " + error);
            }
        }

        var identity = ReadIdentity(attributes, property, mapped, keyOrder >= 0 && singleKey);
        if (keyOrder >= 0 && isNullable)
        {
            var fix = isValueNullable || property.NullableAnnotation == NullableAnnotation.Annotated
                ? "remove the '?'"
                : "nullable reference types are disabled here, so '" + underlying.ToDisplayString(TypeMapping.NameFormat) + "' may be null: enable them (#nullable enable or <Nullable>enable</Nullable>)";
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NullableKey, location, property.Name, fix));
        }

        var defaultSql = column?.NamedString("Default");
        if (defaultSql is not null && string.IsNullOrWhiteSpace(defaultSql))
        {
            Report(DiagnosticDescriptors.InvalidArgument, column!, "Column", "Default is empty");
            defaultSql = null;
        }

        if (defaultSql is not null && identity != ColumnIdentity.None)
        {
            Report(DiagnosticDescriptors.InvalidArgument, column!, "Column", $"'{property.Name}' is an identity column, which cannot also have a Default");
            defaultSql = null;
        }

        defaultSql ??= ConventionalDefault(property, mapped, role, keyOrder >= 0 && singleKey, identity, isNullable, enumRef);

        var renamedFrom = column?.NamedString("RenamedFrom");
        if (renamedFrom is not null && string.IsNullOrWhiteSpace(renamedFrom))
        {
            Report(DiagnosticDescriptors.InvalidArgument, column!, "Column", "RenamedFrom is empty");
            renamedFrom = null;
        }

        if (NameConventions.IsTooLong(columnName))
        {
            _diagnostics.Add(SchemaValidation.TooLong(columnName, location));
        }

        return new PropertyModel(
            property.Name,
            property.Type.FullName(),
            columnName,
            storeType,
            isNullable && keyOrder < 0,
            defaultSql,
            identity,
            keyOrder,
            role,
            minLength,
            maxLength,
            enumRef,
            ReadForeignKey(attributes, property.Name, isNullable && keyOrder < 0),
            renamedFrom,
            location,
            new ValueAccess(
                underlying.WithNullableAnnotation(NullableAnnotation.NotAnnotated).FullName(),
                underlying.IsValueType,
                mapped.Kind,
                mapped.IsArray,
                precisionDigits,
                precisionScale,
                property.SetMethod?.IsInitOnly == true));
    }

    private void ReadLength(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, IPropertySymbol property, MappedType mapped, ref StoreType? storeType, ref int? minLength, ref int? maxLength)
    {
        var length = attributes.Find(AttributeNames.Length);
        var max = attributes.Find(AttributeNames.MaxLength);
        foreach (var attribute in new[] { length, max })
        {
            if (attribute is not null && (mapped.Kind != StoreKind.Text || mapped.IsArray))
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.FacetOnWrongType,
                    LocationInfo.From(attribute.GetLocation()),
                    attribute.AttributeClass!.Name.Replace("Attribute", string.Empty),
                    property.Name,
                    TypeMapping.Unwrap(property.Type).ToDisplayString(TypeMapping.NameFormat),
                    "lengths apply to strings only"));
                return;
            }
        }

        if (length is not null)
        {
            var minimum = length.CtorInt(0) ?? 0;
            var maximum = length.CtorInt(1) ?? 0;
            if (minimum < 0 || maximum <= 0 || minimum > maximum)
            {
                Report(DiagnosticDescriptors.InvalidArgument, length, "Length", $"minimum {minimum} and maximum {maximum} must satisfy 0 <= minimum <= maximum and maximum > 0");
                return;
            }

            minLength = minimum > 0 ? minimum : null;
            maxLength = maximum;
        }
        else if (max is not null)
        {
            var maximum = max.CtorInt(0) ?? 0;
            if (maximum <= 0)
            {
                Report(DiagnosticDescriptors.InvalidArgument, max, "MaxLength", $"length {maximum} must be greater than 0");
                return;
            }

            maxLength = maximum;
        }

        if (maxLength is { } limit)
        {
            storeType = new StoreType("varchar", Modifiers: limit.ToString(CultureInfo.InvariantCulture));
        }
    }

    private (int? Precision, int? Scale) ReadPrecision(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, IPropertySymbol property, MappedType mapped, ref StoreType? storeType)
    {
        var precision = attributes.Find(AttributeNames.Precision);
        if (precision is null)
        {
            return (null, null);
        }

        var digits = precision.CtorInt(0) ?? 0;
        var scale = precision.CtorInt(1) ?? 0;
        if (mapped.Kind == StoreKind.Decimal && !mapped.IsArray)
        {
            if (digits is < 1 or > 1000 || scale < 0 || scale > digits)
            {
                Report(DiagnosticDescriptors.InvalidArgument, precision, "Precision", $"precision {digits} and scale {scale} must satisfy 1 <= precision <= 1000 and 0 <= scale <= precision");
                return (null, null);
            }

            storeType = new StoreType("numeric", Modifiers: digits.ToString(CultureInfo.InvariantCulture) + "," + scale.ToString(CultureInfo.InvariantCulture));
            return (digits, scale);
        }
        else if (mapped.Kind is StoreKind.Timestamp or StoreKind.Time && !mapped.IsArray)
        {
            if (digits is < 0 or > 6 || scale != 0)
            {
                Report(DiagnosticDescriptors.InvalidArgument, precision, "Precision", $"fractional-second precision {digits} must be between 0 and 6, without a scale");
                return (null, null);
            }

            storeType = storeType! with { Modifiers = digits.ToString(CultureInfo.InvariantCulture) };
            return (null, null);
        }
        else
        {
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.FacetOnWrongType,
                LocationInfo.From(precision.GetLocation()),
                "Precision",
                property.Name,
                TypeMapping.Unwrap(property.Type).ToDisplayString(TypeMapping.NameFormat),
                "precision applies to decimal and time types only"));
            return (null, null);
        }
    }

    private ColumnIdentity ReadIdentity(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, IPropertySymbol property, MappedType mapped, bool isSingleKey)
    {
        var identity = attributes.Find(AttributeNames.Identity);
        if (identity is not null)
        {
            if (mapped.Kind != StoreKind.Integer || mapped.IsArray)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentityOnNonInteger, LocationInfo.From(identity.GetLocation()), property.Name, TypeMapping.Unwrap(property.Type).ToDisplayString(TypeMapping.NameFormat)));
                return ColumnIdentity.None;
            }

            return identity.NamedBool("Always") ? ColumnIdentity.Always : ColumnIdentity.ByDefault;
        }

        var hasDefault = attributes.Find(AttributeNames.Column)?.NamedString("Default") is not null;
        var isForeignKey = attributes.Any(AttributeNames.ForeignKey);
        return isSingleKey && mapped.Kind == StoreKind.Integer && !mapped.IsArray && !hasDefault && !isForeignKey
            ? ColumnIdentity.ByDefault
            : ColumnIdentity.None;
    }

    private string? ConventionalDefault(IPropertySymbol property, MappedType mapped, ColumnRole role, bool isSingleKey, ColumnIdentity identity, bool isNullable, EnumRefModel? enumRef)
    {
        if (role is ColumnRole.CreatedAt or ColumnRole.UpdatedAt)
        {
            return "now()";
        }

        if (isSingleKey && mapped.Kind == StoreKind.Uuid && !property.GetAttributes().Any(AttributeNames.ForeignKey))
        {
            return "gen_random_uuid()";
        }

        if (identity != ColumnIdentity.None)
        {
            return null;
        }

        var initializer = InitializerDefault(property, mapped, enumRef);
        if (initializer is not null)
        {
            return initializer;
        }

        return mapped.Kind == StoreKind.Boolean && !mapped.IsArray && !isNullable ? "false" : null;
    }

    /// <summary>A literal property initializer (<c>= 3</c>, <c>= true</c>, <c>= Status.Pending</c>) becomes the column default.</summary>
    private string? InitializerDefault(IPropertySymbol property, MappedType mapped, EnumRefModel? enumRef)
    {
        if (mapped.IsArray)
        {
            return null;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != _semanticModel.SyntaxTree
                || reference.GetSyntax() is not PropertyDeclarationSyntax { Initializer.Value: { } value })
            {
                continue;
            }

            // The usual initializers (= "", = 0, = true) are read off the syntax; binding one costs a member
            // semantic model, the largest part of reading a property. Anything else is bound as before.
            if (enumRef is null && SyntacticDefault(value, mapped) is { } literal)
            {
                return literal;
            }

            var constant = _semanticModel.GetConstantValue(value);
            if (!constant.HasValue || constant.Value is null)
            {
                return null;
            }

            if (enumRef is not null && _enums.TryGetValue(enumRef.FullTypeName, out var enumModel))
            {
                var symbol = _semanticModel.GetSymbolInfo(value).Symbol as IFieldSymbol;
                var member = enumModel.Members.FirstOrDefault(m => m.Name == symbol?.Name);
                return member is null ? null : Sql.Literal(member.DbName);
            }

            return constant.Value switch
            {
                bool flag => flag ? "true" : "false",
                string text when mapped.Kind == StoreKind.Text => Sql.Literal(text),
                double d when double.IsNaN(d) || double.IsInfinity(d) => null,
                float f when float.IsNaN(f) || float.IsInfinity(f) => null,
                short or int or long or decimal or double or float when mapped.Kind is StoreKind.Integer or StoreKind.Decimal or StoreKind.Floating
                    => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// The default for a literal whose value cannot change by conversion to the property's type: a string for text,
    /// <c>true</c>/<c>false</c>, an integer for an integer column. <see langword="null"/> means "bind it".
    /// </summary>
    private static string? SyntacticDefault(ExpressionSyntax value, MappedType mapped) => value switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression) => "true",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression) => "false",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && mapped.Kind == StoreKind.Text
            => Sql.Literal(literal.Token.ValueText),
        LiteralExpressionSyntax { Token.Value: int or long or uint or ulong } literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) && mapped.Kind == StoreKind.Integer
            => System.Convert.ToString(literal.Token.Value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private ForeignKeyModel? ReadForeignKey(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, string propertyName, bool isNullable)
    {
        var foreignKey = attributes.Find(AttributeNames.ForeignKey);
        if (foreignKey is null)
        {
            return null;
        }

        var location = LocationInfo.From(foreignKey.GetLocation());
        if (foreignKey.ConstructorArguments.Length == 0 || foreignKey.ConstructorArguments[0].Value is not ITypeSymbol principal)
        {
            Report(DiagnosticDescriptors.InvalidArgument, foreignKey, "ForeignKey", "the referenced entity type is missing");
            return null;
        }

        var name = foreignKey.NamedString("Name");
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            Report(DiagnosticDescriptors.InvalidArgument, foreignKey, "ForeignKey", "Name is empty");
            name = null;
        }

        foreach (var action in new[] { "OnDelete", "OnUpdate" })
        {
            if (!isNullable && foreignKey.NamedInt(action) == (int)ReferentialAction.SetNull)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SetNullOnRequiredColumn, LocationInfo.From(foreignKey.GetArgumentLocation(action)), action, propertyName));
            }
        }

        return new ForeignKeyModel(
            principal.FullName(),
            Action(foreignKey.NamedInt("OnDelete")),
            Action(foreignKey.NamedInt("OnUpdate")),
            foreignKey.NamedBool("CascadeSoftDelete"),
            name,
            location);
    }

    /// <summary>DateTime, DateTime?, DateTime[] or List&lt;DateTime&gt;.</summary>
    private static bool IsDateTime(ITypeSymbol type)
    {
        var element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list when list.ConstructedFrom.ToDisplayString(TypeMapping.NameFormat) == "System.Collections.Generic.List<T>" => list.TypeArguments[0],
            _ => type,
        };
        return TypeMapping.Unwrap(element).SpecialType == SpecialType.System_DateTime;
    }

    /// <summary>A name that says UTC (<c>ExpiresUtc</c>, <c>UtcAt</c>) shows the Kind pitfall is known and handled.</summary>
    private static bool SaysUtc(string name)
        => name.IndexOf("Utc", System.StringComparison.Ordinal) >= 0 || name.IndexOf("UTC", System.StringComparison.Ordinal) >= 0;

    private static ReferentialAction Action(int value)
        => value is >= (int)ReferentialAction.NoAction and <= (int)ReferentialAction.SetDefault ? (ReferentialAction)value : ReferentialAction.NoAction;

    private void Report(DiagnosticDescriptor descriptor, AttributeData attribute, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(attribute.GetLocation()), arguments));

}
