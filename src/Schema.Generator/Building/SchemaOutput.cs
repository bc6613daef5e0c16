using Schemata.Generator.Model;

namespace Schemata.Generator.Building;

/// <summary>The resolved schema: everything the emitter writes, as plain data.</summary>
internal sealed record SchemaOutput(
    string? Namespace,
    EquatableArray<string> DbSchemas,
    EquatableArray<EnumTypeOutput> Enums,
    EquatableArray<TableOutput> Tables,
    EquatableArray<string> Grants,
    string Script,
    string Hash,
    EquatableArray<EntityAccess> Entities,
    EquatableArray<EnumMapping> EnumMappings);

internal sealed record EnumTypeOutput(string? Schema, string Name, EquatableArray<string> Values, string CreateSql);

internal sealed record TableOutput(
    string? Schema,
    string Name,
    string QualifiedName,
    string CreateSql,
    EquatableArray<ColumnOutput> Columns,
    EquatableArray<ConstraintOutput> Constraints,
    EquatableArray<IndexOutput> Indexes);

internal sealed record ColumnOutput(
    string Name,
    string StoreType,
    bool IsNullable,
    string? DefaultSql,
    IdentityKind Identity,
    string Definition,
    string? RenamedFrom);

/// <summary>The kinds in the order they are created.</summary>
internal enum ConstraintKind
{
    PrimaryKey,
    ForeignKey,
    Unique,
    Check,
}

internal sealed record ConstraintOutput(string Name, ConstraintKind Kind, EquatableArray<string> Columns, string Definition, string AddSql);

internal sealed record IndexOutput(string Name, EquatableArray<string> Columns, bool IsUnique, string Method, string? Filter, string CreateSql);

/// <summary>The builder's result: output for the emitter and diagnostics for their own pipeline.</summary>
internal sealed record BuildResult(SchemaOutput Output, EquatableArray<DiagnosticInfo> Diagnostics);
