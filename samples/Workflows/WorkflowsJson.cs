using System.Text.Json.Serialization;

namespace Workflows;

/// <summary>Source-generated JSON for the outbox payloads: no reflection.</summary>
[JsonSerializable(typeof(WorkflowCreated))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class WorkflowsJson : JsonSerializerContext;
