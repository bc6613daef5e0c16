using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>A column as pg_catalog renders it.</summary>
internal sealed record CatalogColumn(string Name, string Type, bool NotNull, string? Default, char Identity);

/// <summary>A constraint as pg_catalog renders it; <see cref="Type"/> is <c>pg_constraint.contype</c>.</summary>
internal sealed record CatalogConstraint(string Name, char Type, string Definition, IReadOnlyList<string> Columns);

/// <summary>An index that backs no constraint, as pg_catalog renders it.</summary>
internal sealed record CatalogIndex(string Name, string Definition, bool IsUnique, string Method, IReadOnlyList<string> Columns, bool HasFilter);

/// <summary>A table with its columns (in order), constraints and indexes.</summary>
internal sealed class CatalogTable(string schema, string name)
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public List<CatalogColumn> Columns { get; } = [];

    public Dictionary<string, CatalogConstraint> Constraints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CatalogIndex> Indexes { get; } = new(StringComparer.Ordinal);

    public CatalogColumn? Column(string name) => Columns.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// What a database holds, read from pg_catalog (never information_schema, which is far slower) in one round trip:
/// schemas, enum types with their labels, tables with columns, constraints and indexes, and whether each of the
/// model's grants is in effect.
/// </summary>
internal sealed class Catalog
{
    private const string UserObjects = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private readonly HashSet<string> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Schema, string Name), List<string>> _enums = new();
    private readonly Dictionary<(string Schema, string Name), CatalogTable> _tables = new();

    public string CurrentSchema { get; private set; } = "public";

    /// <summary>For each of the model's grant statements, whether it is already in effect.</summary>
    public IReadOnlyList<bool> GrantsInEffect { get; private set; } = [];

    public string SchemaOf(string? schema) => schema ?? CurrentSchema;

    public bool HasSchema(string schema) => _schemas.Contains(schema);

    public IReadOnlyList<string>? EnumLabels(string? schema, string name) => _enums.GetValueOrDefault((SchemaOf(schema), name));

    public CatalogTable? Table(string? schema, string table) => _tables.GetValueOrDefault((SchemaOf(schema), table));

    public IEnumerable<CatalogTable> Tables => _tables.Values;

    public static async ValueTask<Catalog> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<string> grants, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT current_schema()"),
                new("SELECT nspname FROM pg_namespace"),
                new($"""
                    SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
                    WHERE {UserObjects}
                    GROUP BY n.nspname, t.typname
                    """),
                new($"""
                    SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                           pg_get_expr(d.adbin, d.adrelid), a.attidentity::text
                    FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                    WHERE c.relkind IN ('r', 'p') AND {UserObjects}
                    ORDER BY n.nspname, c.relname, a.attnum
                    """),
                new($"""
                    SELECT n.nspname, c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid),
                           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)
                                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord)
                    FROM pg_constraint k
                    JOIN pg_class c ON c.oid = k.conrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE k.contype IN ('p', 'f', 'u', 'c', 'x') AND {UserObjects}
                    """),
                new($"""
                    SELECT n.nspname, t.relname, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, am.amname,
                           ARRAY(SELECT COALESCE(a.attname::text, '') FROM unnest(i.indkey) WITH ORDINALITY u(num, ord)
                                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num ORDER BY u.ord),
                           i.indpred IS NOT NULL
                    FROM pg_index i
                    JOIN pg_class ic ON ic.oid = i.indexrelid
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_am am ON am.oid = ic.relam
                    WHERE t.relkind IN ('r', 'p') AND {UserObjects} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
                    """),
                new(GrantChecks.Query(grants)),
            },
        };
        await using var batchScope = batch.ConfigureAwait(false);

        var catalog = new Catalog();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog.CurrentSchema = reader.IsDBNull(0) ? "public" : reader.GetString(0);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._schemas.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._enums[(reader.GetString(0), reader.GetString(1))] = [.. reader.GetFieldValue<string[]>(2)];
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog.GetOrAddTable(reader.GetString(0), reader.GetString(1));
            if (!reader.IsDBNull(2))
            {
                table.Columns.Add(new CatalogColumn(
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) || reader.GetString(6).Length == 0 ? '\0' : reader.GetString(6)[0]));
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog.GetOrAddTable(reader.GetString(0), reader.GetString(1));
            var name = reader.GetString(2);
            table.Constraints[name] = new CatalogConstraint(name, reader.GetString(3)[0], reader.GetString(4), reader.GetFieldValue<string[]>(5));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog.GetOrAddTable(reader.GetString(0), reader.GetString(1));
            var name = reader.GetString(2);
            table.Indexes[name] = new CatalogIndex(name, reader.GetString(3), reader.GetBoolean(4), reader.GetString(5), reader.GetFieldValue<string[]>(6), reader.GetBoolean(7));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog.GrantsInEffect = reader.IsDBNull(0) ? [] : reader.GetFieldValue<bool[]>(0);
        }

        return catalog;
    }

    private CatalogTable GetOrAddTable(string schema, string name)
    {
        if (!_tables.TryGetValue((schema, name), out var table))
        {
            table = new CatalogTable(schema, name);
            _tables.Add((schema, name), table);
        }

        return table;
    }
}
