using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Schemata;

/// <summary>
/// How <c>[Jsonb]</c> classes are turned into JSON and back. Generated code asks <see cref="Options"/> for the
/// type's contract, so no reflection is reached unless the options allow it: in a NativeAOT or trimmed app set
/// <c>SchemaJson.Options = new JsonSerializerOptions { TypeInfoResolver = AppJsonContext.Default };</c> once at
/// startup, with a <c>JsonSerializerContext</c> that lists the <c>[Jsonb]</c> types.
/// </summary>
public static class SchemaJson
{
    private static JsonSerializerOptions s_options = CreateDefault();

    /// <summary>The options (and so the contracts) used for every <c>[Jsonb]</c> class.</summary>
    public static JsonSerializerOptions Options
    {
        get => s_options;
        set => s_options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Serializes a <c>[Jsonb]</c> value.</summary>
    /// <typeparam name="T">The declared type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>Its JSON text.</returns>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Deserializes a <c>[Jsonb]</c> value.</summary>
    /// <typeparam name="T">The declared type.</typeparam>
    /// <param name="json">JSON text read from the database.</param>
    /// <returns>The value.</returns>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    /// <summary>Reflection-based contracts where the app allows reflection (the default outside trimmed apps).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Taken only while System.Text.Json's reflection switch is on; trimmed and NativeAOT apps turn it off and must set Options with a source-generated context.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Taken only while System.Text.Json's reflection switch is on; trimmed and NativeAOT apps turn it off and must set Options with a source-generated context.")]
    private static JsonSerializerOptions CreateDefault()
        => JsonSerializer.IsReflectionEnabledByDefault
            ? new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }
            : new JsonSerializerOptions();

    private static JsonTypeInfo<T> TypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)s_options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            throw new InvalidOperationException(
                $"No JSON contract for {typeof(T).Name}, a [Jsonb] type: reflection is off in this app, so list the type in a JsonSerializerContext and set SchemaJson.Options = new JsonSerializerOptions {{ TypeInfoResolver = YourContext.Default }} at startup.",
                exception);
        }
    }
}
