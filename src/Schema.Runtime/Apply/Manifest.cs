using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>
/// The objects a model owns and the definitions it gave them, as recorded with each apply: tables and enum types (so
/// the next model knows which it dropped), constraint and index definitions (so a changed definition is replaced
/// even where PostgreSQL's rendering of it cannot be compared with the model's text).
/// </summary>
internal sealed class Manifest
{
    private const char Separator = '\u001f';

    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    private Manifest()
    {
    }

    public IEnumerable<(string Key, string Value)> Entries
    {
        get
        {
            foreach (var (key, value) in _entries)
            {
                yield return (key, value);
            }
        }
    }

    public static string TableKey(string schema, string name) => "table " + schema + "." + name;

    public static string EnumKey(string schema, string name) => "enum " + schema + "." + name;

    public static string ConstraintKey(string schema, string table, string name) => "constraint " + schema + "." + table + "." + name;

    public static string IndexKey(string schema, string name) => "index " + schema + "." + name;

    public static string GrantKey(string statement) => "grant " + statement;

    public string? Get(string key) => _entries.GetValueOrDefault(key);

    public static Manifest Of(SchemaModel model, Func<string?, string> schemaOf)
    {
        var manifest = new Manifest();
        foreach (var type in model.Enums)
        {
            manifest._entries[EnumKey(schemaOf(type.Schema), type.Name)] = string.Join(",", type.Values);
        }

        foreach (var grant in model.Grants)
        {
            manifest._entries[GrantKey(grant)] = string.Empty;
        }

        foreach (var table in model.Tables)
        {
            var schema = schemaOf(table.Schema);
            manifest._entries[TableKey(schema, table.Name)] = string.Empty;
            foreach (var constraint in table.Constraints)
            {
                manifest._entries[ConstraintKey(schema, table.Name, constraint.Name)] = constraint.Definition;
            }

            foreach (var index in table.Indexes)
            {
                manifest._entries[IndexKey(schema, index.Name)] = index.CreateSql;
            }
        }

        return manifest;
    }

    public static Manifest Parse(IEnumerable<string> lines)
    {
        var manifest = new Manifest();
        foreach (var line in lines)
        {
            var separator = line.IndexOf(Separator, StringComparison.Ordinal);
            if (separator > 0)
            {
                manifest._entries[line[..separator]] = line[(separator + 1)..];
            }
        }

        return manifest;
    }

    public string[] ToArray()
    {
        var lines = new List<string>(_entries.Count);
        foreach (var (key, value) in _entries)
        {
            lines.Add(key + Separator + value);
        }

        lines.Sort(StringComparer.Ordinal);
        return [.. lines];
    }
}
