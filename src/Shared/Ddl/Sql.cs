#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>Identifier and literal quoting: every identifier the writer emits is quoted, every literal escaped.</summary>
internal static class Sql
{
    /// <summary>A double-quoted identifier: safe for reserved words, capitals, spaces and quotes.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>A schema-qualified name; unqualified when <paramref name="schema"/> is <see langword="null"/>.</summary>
    public static string Qualify(string? schema, string name) => schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);

    /// <summary>A single-quoted SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
