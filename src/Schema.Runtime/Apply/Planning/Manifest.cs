using System;
using System.Collections.Generic;
using System.Globalization;

namespace Schemata;

/// <summary>
/// What a model owned when it was applied, recorded with each apply: its tables and enum types (so the next model
/// knows which it dropped), its grants (so only what it granted is ever revoked), and for each check, index and
/// default both the model's text and PostgreSQL's rendering of it right after the apply. Comparing a later
/// catalog with the recorded rendering is exact, where comparing it with the model's text would need a SQL
/// parser: a changed model text is a change, a changed rendering is drift.
/// </summary>
internal sealed class Manifest
{
    private const char Separator = '\u001f';
    private const char RenderingSeparator = '\u001e';

    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    private Manifest()
    {
    }

    public IEnumerable<string> Keys => _entries.Keys;

    public static string TableKey(string schema, string name) => "table " + schema + "." + name;

    public static string EnumKey(string schema, string name) => "enum " + schema + "." + name;

    public static string ConstraintKey(string schema, string table, string name) => "constraint " + schema + "." + table + "." + name;

    public static string IndexKey(string schema, string name) => "index " + schema + "." + name;

    public static string DefaultKey(string schema, string table, string column) => "default " + schema + "." + table + "." + column;

    public static string AllowedValuesKey(string schema, string table, string constraint) => "values " + schema + "." + table + "." + constraint;

    public static string StepKey(string id) => "step " + id;

    /// <summary>The ids of the data steps recorded as done.</summary>
    public IEnumerable<string> DoneSteps()
    {
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith("step ", StringComparison.Ordinal))
            {
                yield return key["step ".Length..];
            }
        }
    }

    /// <summary>This manifest with the data step <paramref name="id"/> recorded as done.</summary>
    public Manifest WithStep(string id)
    {
        var copy = new Manifest();
        foreach (var (key, value) in _entries)
        {
            copy._entries[key] = value;
        }

        copy._entries[StepKey(id)] = string.Empty;
        return copy;
    }

    /// <summary>The values an enum stored as text allowed when it was last applied, or <see langword="null"/> when not recorded.</summary>
    public IReadOnlyList<string>? AllowedValues(string key) => _entries.TryGetValue(key, out var value) ? value.Split(RenderingSeparator) : null;

    public static string GrantKey(GrantTarget target, string schema)
        => "grant " + target.Object + " " + schema + "." + (target.Table ?? string.Empty) + " " + target.Role;

    /// <summary>The recorded model text and catalog rendering of a definition, or <see langword="null"/> when none was recorded.</summary>
    public (string Model, string? Catalog)? Definition(string key)
    {
        if (!_entries.TryGetValue(key, out var value))
        {
            return null;
        }

        var separator = value.IndexOf(RenderingSeparator, StringComparison.Ordinal);
        return separator < 0 ? (value, null) : (value[..separator], value[(separator + 1)..]);
    }

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>The model's tables, enum types and grants as recorded, for finding what a later model dropped.</summary>
    public IEnumerable<(string Schema, string Name)> Entries(string prefix)
    {
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = key[prefix.Length..];
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                yield return (name[..dot], name[(dot + 1)..]);
            }
        }
    }

    /// <summary>The grants recorded, as targets; entries of older formats are skipped (nothing is revoked for them).</summary>
    public IEnumerable<GrantTarget> Grants()
    {
        foreach (var (key, value) in _entries)
        {
            if (!key.StartsWith("grant ", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = key.Split(' ', 4);
            if (parts.Length != 4 || !Enum.TryParse<GrantObject>(parts[1], out var kind)
                || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var privileges))
            {
                continue;
            }

            var dot = parts[2].IndexOf('.', StringComparison.Ordinal);
            var table = parts[2][(dot + 1)..];
            yield return new GrantTarget(kind, parts[3], (TablePrivileges)privileges, parts[2][..dot], table.Length == 0 ? null : table);
        }
    }

    /// <summary>
    /// The manifest of <paramref name="model"/> as just applied: its definitions, with their renderings read from
    /// <paramref name="after"/> (the catalog once the apply's changes are in) when <paramref name="renderings"/> is set,
    /// the grants it owns and the data steps done.
    /// </summary>
    public static Manifest Record(SchemaModel model, Catalog after, IEnumerable<GrantTarget> grants, IEnumerable<string> doneSteps, bool renderings = true)
    {
        var manifest = new Manifest();
        foreach (var step in doneSteps)
        {
            manifest._entries[StepKey(step)] = string.Empty;
        }

        foreach (var type in model.Enums)
        {
            manifest._entries[EnumKey(after.SchemaOf(type.Schema), type.Name)] = string.Join(",", type.Values);
        }

        foreach (var grant in grants)
        {
            manifest._entries[GrantKey(grant, after.SchemaOf(grant.Schema))] = ((int)grant.Privileges).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var table in model.Tables)
        {
            var schema = after.SchemaOf(table.Schema);
            var current = renderings ? after.Table(table.Schema, table.Name) : null;
            manifest._entries[TableKey(schema, table.Name)] = string.Empty;
            foreach (var column in table.Columns)
            {
                if (column.Default is not null)
                {
                    manifest._entries[DefaultKey(schema, table.Name, column.Name)] = Pair(column.Default, current?.Column(column.Name)?.Default);
                }
            }

            foreach (var constraint in table.Constraints)
            {
                manifest._entries[ConstraintKey(schema, table.Name, constraint.Name)] = Pair(constraint.Definition, current?.Constraints.GetValueOrDefault(constraint.Name)?.Definition);
                if (constraint.AllowedValues is { } values)
                {
                    manifest._entries[AllowedValuesKey(schema, table.Name, constraint.Name)] = string.Join(RenderingSeparator.ToString(), values);
                }
            }

            foreach (var index in table.Indexes)
            {
                // The predicate only: columns, uniqueness and method are compared as parts.
                var rendered = current?.Indexes.GetValueOrDefault(index.Name);
                manifest._entries[IndexKey(schema, index.Name)] = Pair(index.Filter ?? string.Empty, rendered is null ? null : rendered.Predicate ?? string.Empty);
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

    private static string Pair(string model, string? catalog) => catalog is null ? model : model + RenderingSeparator + catalog;
}
