namespace Schemata;

/// <summary>Identifier and literal quoting for the SQL the runtime writes itself.</summary>
internal static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";

    /// <summary>A schema-qualified name; unqualified when <paramref name="schema"/> is <see langword="null"/>, as the model writes it.</summary>
    public static string Qualify(string? schema, string name) => schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);

    public static string Literal(string value) => "'" + value.Replace("'", "''", System.StringComparison.Ordinal) + "'";
}
