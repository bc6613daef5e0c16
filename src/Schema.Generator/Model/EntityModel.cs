using Schemata.Generator.Shared;

namespace Schemata.Generator.Model;

/// <summary>One <c>[Table]</c> class as the parser saw it: names and settings, no Roslyn types.</summary>
internal sealed record EntityModel(
    string FullTypeName,
    string TypeName,
    string? Namespace,
    string TableName,
    string? DbSchema,
    string? RenamedFrom,
    bool IsSoftDelete,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<IndexDeclaration> Indexes,
    EquatableArray<UniqueModel> Uniques,
    EquatableArray<CheckModel> Checks,
    EquatableArray<GrantDeclaration> Grants,
    EquatableArray<BackfillDeclaration> Backfills,
    EquatableArray<EnumModel> Enums,
    bool IsPublic,
    LocationInfo? Location);

/// <summary>What role a property plays beyond being a plain column.</summary>
internal enum ColumnRole
{
    Plain,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

/// <summary>One mapped property; <see cref="StoreType"/> is null for an enum, whose type is decided once all enums are known.</summary>
internal sealed record PropertyModel(
    string Name,
    string ClrType,
    string ColumnName,
    StoreType? StoreType,
    bool IsNullable,
    string? DefaultSql,
    ColumnIdentity Identity,
    int KeyOrder,
    ColumnRole Role,
    int? MinLength,
    int? MaxLength,
    EnumRefModel? Enum,
    ForeignKeyModel? ForeignKey,
    string? RenamedFrom,
    LocationInfo? Location,
    ValueAccess Access)
{
    public bool IsKey => KeyOrder >= 0;
}

/// <summary>
/// How generated code reads and writes the property: the CLR type without nullability, whether it is a value
/// type, the kind of store value, and the numeric facets validation checks.
/// </summary>
internal sealed record ValueAccess(string ClrType, bool IsValueType, Parsing.StoreKind Kind, bool IsArray, int? Precision, int? Scale, bool IsInitOnly);

/// <summary>A reference to a mapped enum; the store type is decided when all enums are known.</summary>
internal sealed record EnumRefModel(string FullTypeName, bool IsArray);

/// <summary>A property-level foreign key to another entity's key.</summary>
internal sealed record ForeignKeyModel(
    string PrincipalFullTypeName,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate,
    bool CascadeSoftDelete,
    string? Name,
    LocationInfo? Location);

/// <summary>An index over property names, resolved to columns when the schema is built.</summary>
internal sealed record IndexDeclaration(
    EquatableArray<string> Properties,
    bool IsUnique,
    string? Filter,
    string? Method,
    string? Name,
    bool LiveRowsOnly,
    LocationInfo? Location);

/// <summary>A UNIQUE constraint over property names.</summary>
internal sealed record UniqueModel(EquatableArray<string> Properties, string? Name, LocationInfo? Location);

/// <summary>A CHECK constraint; <see cref="Property"/> is set when it was declared on a property.</summary>
internal sealed record CheckModel(string Expression, string? Property, string? Name, LocationInfo? Location);

/// <summary>A <c>[DbEnum]</c> enum with its database names.</summary>
internal sealed record EnumModel(
    string FullTypeName,
    string TypeName,
    string DbName,
    string? DbSchema,
    bool IsText,
    EquatableArray<EnumMemberModel> Members,
    LocationInfo? Location);

/// <summary>One enum member: C# name and database label.</summary>
internal sealed record EnumMemberModel(string Name, string DbName);

/// <summary>Assembly-wide settings.</summary>
internal sealed record AssemblyOptions(string? Namespace, EquatableArray<GrantDeclaration> Grants, bool HasRuntime);

/// <summary>A <c>[Grant]</c>: a role and the table privileges it receives.</summary>
internal sealed record GrantDeclaration(string Role, TablePrivileges Privileges);

/// <summary>A pipeline value with the diagnostics found while producing it.</summary>
internal sealed record Parsed<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics)
    where T : class;

/// <summary>A <c>[Backfill]</c> on an entity: a data step filling one column in batches.</summary>
internal sealed record BackfillDeclaration(string Id, string Property, string Expression, string? Where, int BatchSize, LocationInfo? Location);

/// <summary>A <c>[DataStep]</c> method; <see cref="Problem"/> says why it cannot be called as one, if it cannot.</summary>
internal sealed record DataStepDeclaration(string Id, string Method, int BatchSize, string? Problem, LocationInfo? Location);
