using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Schemata;
using Workflows.Models;

namespace Workflows;

/// <summary>Source-generated JSON for the outbox payloads and the <c>[Jsonb]</c> retry policy: no reflection.</summary>
[JsonSerializable(typeof(WorkflowCreated))]
[JsonSerializable(typeof(RetryPolicy))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class WorkflowsJson : JsonSerializerContext
{
#pragma warning disable CA2255 // This is the app: its [Jsonb] contracts must be in place before any code, the tests included, touches an entity.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseForJsonb() => SchemaJson.Options = new JsonSerializerOptions { TypeInfoResolver = Default };
}
