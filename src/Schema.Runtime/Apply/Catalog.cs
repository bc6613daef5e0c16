using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>Which of the model's objects a database already has, read from pg_catalog in one round trip.</summary>
internal sealed class Catalog
{
    private readonly HashSet<string> _schemas = new(System.StringComparer.Ordinal);
    private readonly HashSet<(string Schema, string Name)> _types = new();
    private readonly Dictionary<(string Schema, string Table), HashSet<string>> _columns = new();
    private readonly HashSet<(string Schema, string Table, string Name)> _constraints = new();
    private readonly HashSet<(string Schema, string Name)> _indexes = new();

    public string CurrentSchema { get; private set; } = "public";

    public bool HasSchema(string schema) => _schemas.Contains(schema);

    public bool HasType(string? schema, string name) => _types.Contains((schema ?? CurrentSchema, name));

    public bool HasTable(string? schema, string table) => _columns.ContainsKey((schema ?? CurrentSchema, table));

    public bool HasColumn(string? schema, string table, string column)
        => _columns.TryGetValue((schema ?? CurrentSchema, table), out var columns) && columns.Contains(column);

    public bool HasConstraint(string? schema, string table, string name) => _constraints.Contains((schema ?? CurrentSchema, table, name));

    public bool HasIndex(string? schema, string name) => _indexes.Contains((schema ?? CurrentSchema, name));

    public static async ValueTask<Catalog> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        const string UserObjects = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";
        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT current_schema()"),
                new("SELECT nspname FROM pg_namespace"),
                new($"SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND {UserObjects}"),
                new($"""
                    SELECT n.nspname, c.relname, a.attname
                    FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    WHERE c.relkind IN ('r', 'p') AND {UserObjects}
                    """),
                new($"SELECT n.nspname, c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {UserObjects}"),
                new($"SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') AND {UserObjects}"),
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
            catalog._types.Add((reader.GetString(0), reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!catalog._columns.TryGetValue(key, out var columns))
            {
                columns = new HashSet<string>(System.StringComparer.Ordinal);
                catalog._columns.Add(key, columns);
            }

            if (!reader.IsDBNull(2))
            {
                columns.Add(reader.GetString(2));
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._constraints.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return catalog;
    }
}
