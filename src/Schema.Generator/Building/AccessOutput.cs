using Schemata.Generator.Model;
using Schemata.Generator.Parsing;

namespace Schemata.Generator.Building;

/// <summary>What the data-access emitter needs for one entity, all names resolved.</summary>
internal sealed record EntityAccess(
    string TypeName,
    string FullTypeName,
    string? Namespace,
    bool IsPublic,
    string PluralName,
    string Table,
    string QualifiedTable,
    EquatableArray<ColumnAccess> Columns,
    bool IsSoftDelete,
    EquatableArray<FinderAccess> Finders,
    EquatableArray<CascadeAccess> Cascade,
    string PrimaryKeyName,
    EquatableArray<ParentAccess> SoftDeleteParents);

/// <summary>One column as generated code reads, writes and validates it.</summary>
internal sealed record ColumnAccess(
    string Property,
    string Column,
    string ClrType,
    bool IsValueType,
    bool IsNullable,
    StoreKind Kind,
    bool IsArray,
    ColumnRole Role,
    int KeyOrder,
    bool IsServerKey,
    bool IsIdentity,
    int? MinLength,
    int? MaxLength,
    int? Precision,
    int? Scale,
    bool IsInitOnly,
    EnumAccess? Enum);

/// <summary>How an enum column converts: the generated mapper class and the native type to cast to.</summary>
internal sealed record EnumAccess(string Mapper, string? NativeType);

/// <summary>A generated lookup for a declared index or unique constraint (<see cref="IndexName"/> is its name in the database).</summary>
internal sealed record FinderAccess(string Name, EquatableArray<int> Columns, bool IsUnique, string? Filter, bool LiveOnly, string IndexName);

/// <summary>One step of a soft-delete cascade: rows of a dependent table whose FK points at the rows of step <see cref="Parent"/>.</summary>
internal sealed record CascadeAccess(string QualifiedTable, string ForeignKeyColumn, string KeyColumn, string DeletedAtColumn, int Parent);

/// <summary>
/// A soft-deletable parent whose soft delete this entity follows (<c>CascadeSoftDelete</c>): a row must not be restored
/// while its parent stays deleted.
/// </summary>
internal sealed record ParentAccess(string QualifiedTable, string Table, string KeyColumn, string DeletedAtColumn, string ForeignKeyColumn, string ForeignKeyName);

/// <summary>A generated enum mapper: switch code between members and database labels.</summary>
internal sealed record EnumMapping(string FullTypeName, string TypeName, string MapperName, string MapperClass, EquatableArray<EnumMemberModel> Members);
