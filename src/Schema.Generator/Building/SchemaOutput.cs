using Schemata.Generator.Model;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Building;

/// <summary>The resolved schema: the model as data (shared with the runtime), its script and hash, and the data access to emit.</summary>
internal sealed record SchemaOutput(
    string? Namespace,
    EquatableArray<string> DbSchemas,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<TableModel> Tables,
    EquatableArray<GrantModel> Grants,
    EquatableArray<DataStepOutput> DataSteps,
    string Script,
    string Hash,
    EquatableArray<EntityAccess> Entities,
    EquatableArray<EnumMapping> EnumMappings);

/// <summary>
/// A data step, in run order: a backfill of one column (<see cref="Column"/> set) or a method the model calls
/// (<see cref="Method"/>, a <c>global::</c> qualified name).
/// </summary>
internal sealed record DataStepOutput(string Id, string? Schema, string? Table, string? Column, string? Expression, string? Where, string? Method, int BatchSize);

/// <summary>The builder's result: output for the emitter and diagnostics for their own pipeline.</summary>
internal sealed record BuildResult(SchemaOutput Output, EquatableArray<DiagnosticInfo> Diagnostics);
