namespace Schemata;

/// <summary>Identifier quoting for the SQL the runtime writes itself.</summary>
internal static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";
}
