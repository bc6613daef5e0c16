using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Schemata;

/// <summary>
/// Turns each of the model's GRANT statements into a boolean SQL expression that is true when the grant is already
/// in effect, so grants take part in the diff (and in drift) without being re-run on every apply.
/// </summary>
internal static partial class GrantChecks
{
    public static string Query(IReadOnlyList<string> grants)
        => grants.Count == 0 ? "SELECT NULL::boolean[]" : "SELECT ARRAY[" + string.Join(",\n", grants.Select(Check)) + "]::boolean[]";

    /// <summary>The REVOKE that undoes a schema-level grant (schema usage, sequences, default privileges), if it is one.</summary>
    public static string? Revoke(string grant)
    {
        if (DefaultPrivileges().Match(grant) is { Success: true } d)
        {
            return $"ALTER DEFAULT PRIVILEGES IN SCHEMA {d.Groups["schema"].Value} REVOKE {d.Groups["privileges"].Value} ON {d.Groups["objects"].Value} FROM {d.Groups["role"].Value};";
        }

        if (SchemaUsage().Match(grant) is { Success: true } s)
        {
            return $"REVOKE USAGE ON SCHEMA {s.Groups["schema"].Value} FROM {s.Groups["role"].Value};";
        }

        if (OnTable().Match(grant) is { Success: true } t)
        {
            return $"REVOKE {t.Groups["privileges"].Value} ON TABLE {t.Groups["table"].Value} FROM {t.Groups["role"].Value};";
        }

        if (AllSequences().Match(grant) is { Success: true } q)
        {
            return $"REVOKE USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q.Groups["schema"].Value} FROM {q.Groups["role"].Value};";
        }

        return null;
    }

    /// <summary>The quoted table a table grant is on, or <see langword="null"/> for other grants.</summary>
    public static string? TableOf(string grant) => OnTable().Match(grant) is { Success: true } t ? t.Groups["table"].Value : null;

    private static string Check(string grant)
    {
        if (OnTable().Match(grant) is { Success: true } t)
        {
            var table = Sql.Literal(t.Groups["table"].Value);
            var privileges = Privileges(t.Groups["privileges"].Value)
                .Select(p => $"has_table_privilege({RoleLiteral(t)}, {table}, '{p}')");
            return Guard(t, $"to_regclass({table}) IS NOT NULL", string.Join(" AND ", privileges));
        }

        if (SchemaUsage().Match(grant) is { Success: true } s)
        {
            var schema = Sql.Literal(Unquote(s.Groups["schema"].Value));
            return Guard(s, $"EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {schema})", $"has_schema_privilege({RoleLiteral(s)}, {schema}, 'USAGE')");
        }

        if (AllSequences().Match(grant) is { Success: true } q)
        {
            var schema = Sql.Literal(Unquote(q.Groups["schema"].Value));
            return Guard(q, "true", $"""
                NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'S' AND n.nspname = {schema} AND pg_has_role(c.relowner, 'USAGE')
                AND NOT (has_sequence_privilege({RoleLiteral(q)}, c.oid, 'USAGE') AND has_sequence_privilege({RoleLiteral(q)}, c.oid, 'SELECT')))
                """);
        }

        if (DefaultPrivileges().Match(grant) is { Success: true } d)
        {
            var schema = Sql.Literal(Unquote(d.Groups["schema"].Value));
            var objectType = d.Groups["objects"].Value == "TABLES" ? "r" : "S";
            var privileges = Privileges(d.Groups["privileges"].Value).Select(p => $"""
                EXISTS (SELECT 1 FROM pg_default_acl a JOIN pg_namespace n ON n.oid = a.defaclnamespace, aclexplode(a.defaclacl) x
                WHERE n.nspname = {schema} AND a.defaclobjtype = '{objectType}' AND a.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                AND x.grantee = (SELECT oid FROM pg_roles WHERE rolname = {RoleLiteral(d)}) AND x.privilege_type = '{p}')
                """);
            return Guard(d, "true", string.Join(" AND ", privileges));
        }

        // A statement of a shape this runtime does not know: treat it as needed, so it runs with every change.
        return "false";
    }

    private static string Guard(Match match, string objectExists, string check)
        => $"CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {RoleLiteral(match)}) OR NOT ({objectExists}) THEN false ELSE ({check}) END";

    private static string RoleLiteral(Match match) => Sql.Literal(Unquote(match.Groups["role"].Value));

    private static IEnumerable<string> Privileges(string list)
        => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Unquote(string identifier)
        => identifier.Length > 1 && identifier[0] == '"' && identifier[^1] == '"'
            ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : identifier.ToLowerInvariant();

    [GeneratedRegex("""^GRANT (?<privileges>[A-Z, ]+) ON TABLE (?<table>.+) TO (?<role>.+);$""")]
    private static partial Regex OnTable();

    [GeneratedRegex("""^GRANT USAGE ON SCHEMA (?<schema>.+) TO (?<role>.+);$""")]
    private static partial Regex SchemaUsage();

    [GeneratedRegex("""^GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA (?<schema>.+) TO (?<role>.+);$""")]
    private static partial Regex AllSequences();

    [GeneratedRegex("""^ALTER DEFAULT PRIVILEGES IN SCHEMA (?<schema>.+) GRANT (?<privileges>[A-Z, ]+) ON (?<objects>TABLES|SEQUENCES) TO (?<role>.+);$""")]
    private static partial Regex DefaultPrivileges();
}
