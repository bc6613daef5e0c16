using Microsoft.CodeAnalysis;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Parsing;

/// <summary>What kind of value a column holds; decides which facets apply.</summary>
internal enum StoreKind
{
    Text,
    Integer,
    Decimal,
    Floating,
    Boolean,
    Uuid,
    Timestamp,
    Date,
    Time,
    Interval,
    Bytes,
    Json,
    Inet,
    Enum,
}

/// <summary>The result of mapping a CLR type: a store type, or the reason it has none.</summary>
internal readonly record struct MappedType(StoreType? StoreType, StoreKind Kind, INamedTypeSymbol? Enum, bool IsArray, string? Error)
{
    public bool IsMapped => Error is null;
}

/// <summary>
/// The one place that maps CLR types to PostgreSQL types (docs/type-mapping.md mirrors it).
/// Nullability is decided by the caller; this sees the underlying type only.
/// </summary>
internal static class TypeMapping
{
    /// <summary>Namespace-qualified, without nullable annotations: how types are matched by name.</summary>
    public static readonly SymbolDisplayFormat NameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static MappedType Map(ITypeSymbol type, bool jsonb)
    {
        if (type is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Scalar("bytea", StoreKind.Bytes);
            }

            return MapArray(array.ElementType, jsonb);
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic
            && generic.ConstructedFrom.ToDisplayString(NameFormat) == "System.Collections.Generic.List<T>")
        {
            return MapArray(generic.TypeArguments[0], jsonb);
        }

        return MapScalar(type, jsonb);
    }

    private static MappedType MapArray(ITypeSymbol element, bool jsonb)
    {
        if (jsonb)
        {
            return Scalar("jsonb", StoreKind.Json);
        }

        var inner = MapScalar(Unwrap(element), jsonb: false);
        if (!inner.IsMapped)
        {
            return inner;
        }

        if (inner.Kind is StoreKind.Json or StoreKind.Bytes)
        {
            return Unsupported("arrays of " + inner.StoreType!.Sql + " are not supported: use a single jsonb column ([Jsonb])");
        }

        return inner with { StoreType = inner.StoreType is null ? null : inner.StoreType with { IsArray = true }, IsArray = true };
    }

    private static MappedType MapScalar(ITypeSymbol type, bool jsonb)
    {
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            // The store type (native type name or text) is decided once all enums are known.
            return new MappedType(null, StoreKind.Enum, enumType, false, null);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return jsonb ? Scalar("jsonb", StoreKind.Json) : Scalar("text", StoreKind.Text);
            case SpecialType.System_Int16:
                return Scalar("int2", StoreKind.Integer);
            case SpecialType.System_Int32:
                return Scalar("int4", StoreKind.Integer);
            case SpecialType.System_Int64:
                return Scalar("int8", StoreKind.Integer);
            case SpecialType.System_Boolean:
                return Scalar("bool", StoreKind.Boolean);
            case SpecialType.System_Decimal:
                return Scalar("numeric", StoreKind.Decimal);
            case SpecialType.System_Double:
                return Scalar("float8", StoreKind.Floating);
            case SpecialType.System_Single:
                return Scalar("float4", StoreKind.Floating);
            case SpecialType.System_DateTime:
                return Scalar("timestamptz", StoreKind.Timestamp);
            case SpecialType.System_Char:
                return Unsupported("use string with [MaxLength(1)]");
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
                return Unsupported("use short (PostgreSQL has no one-byte integer)");
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64:
                return Unsupported("use int or long (PostgreSQL has no unsigned integers)");
            case SpecialType.System_Object:
                return Unsupported("use JsonDocument, or a class marked [Jsonb]");
        }

        switch (type.ToDisplayString(NameFormat))
        {
            case "System.Guid":
                return Scalar("uuid", StoreKind.Uuid);
            case "System.DateTimeOffset":
                return Scalar("timestamptz", StoreKind.Timestamp);
            case "System.DateOnly":
                return Scalar("date", StoreKind.Date);
            case "System.TimeOnly":
                return Scalar("time", StoreKind.Time);
            case "System.TimeSpan":
                return Scalar("interval", StoreKind.Interval);
            case "System.Text.Json.JsonDocument":
            case "System.Text.Json.JsonElement":
            case "System.Text.Json.Nodes.JsonNode":
            case "System.Text.Json.Nodes.JsonObject":
            case "System.Text.Json.Nodes.JsonArray":
                return Scalar("jsonb", StoreKind.Json);
            case "System.Net.IPAddress":
                return Scalar("inet", StoreKind.Inet);
        }

        if (jsonb && type.TypeKind is TypeKind.Class or TypeKind.Struct)
        {
            return Scalar("jsonb", StoreKind.Json);
        }

        if (type.GetAttributes().Any(AttributeNames.Table))
        {
            return Unsupported("to reference another entity, store its key with [ForeignKey(typeof(...))] and mark this property [Ignore]");
        }

        return type.TypeKind switch
        {
            TypeKind.Class or TypeKind.Struct or TypeKind.Interface => Unsupported("mark it [Jsonb] to store it as JSON, or [Ignore] to leave it out"),
            _ => Unsupported("use a supported type (see docs/type-mapping.md) or mark it [Ignore]"),
        };
    }

    /// <summary>Strips <c>Nullable&lt;T&gt;</c>.</summary>
    public static ITypeSymbol Unwrap(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;

    private static MappedType Scalar(string catalogName, StoreKind kind) => new(new StoreType(catalogName), kind, null, false, null);

    private static MappedType Unsupported(string hint) => new(null, StoreKind.Text, null, false, hint);
}
