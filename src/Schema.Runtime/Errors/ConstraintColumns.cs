using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Reads a constraint's (or unique index's) columns from pg_catalog, once per name. The failed transaction cannot
/// be used for it, so the lookup takes its own pooled connection; any failure yields no columns.
/// </summary>
internal sealed class ConstraintColumns(SchemaDatabase database)
{
    private const string Sql = """
        SELECT coalesce(array_agg(a.attname::text ORDER BY k.ord), '{}'),
               (SELECT c.confrelid::regclass::text FROM pg_constraint c WHERE c.conname = $1 AND c.contype = 'f' LIMIT 1)
        FROM (
            SELECT c.conrelid AS rel, c.conkey AS keys
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.conname = $1 AND ($2 = '' OR n.nspname = $2) AND ($3 = '' OR c.conrelid::regclass::text IN ($3, quote_ident($3)))
            UNION ALL
            SELECT x.indrelid, x.indkey::int2[]
            FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE i.relname = $1 AND ($2 = '' OR n.nspname = $2)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conname = $1)
            LIMIT 1
        ) s
        CROSS JOIN LATERAL unnest(s.keys) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = s.rel AND a.attnum = k.attnum
        """;

    private readonly ConcurrentDictionary<string, (string[] Columns, string? Referenced)> _cache = new(StringComparer.Ordinal);

    internal async ValueTask<(string[] Columns, string? Referenced)> LookupAsync(PostgresException postgres, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(postgres.ConstraintName))
        {
            return ([], null);
        }

        var key = string.Concat(postgres.SchemaName, ".", postgres.TableName, ".", postgres.ConstraintName);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var connection = await database.DataSource.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand(Sql, connection);
            await using var commandScope = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = postgres.ConstraintName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = postgres.SchemaName ?? string.Empty });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = postgres.TableName ?? string.Empty });
            var reader = await command.ExecuteReaderAsync(timeout.Token).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(timeout.Token).ConfigureAwait(false))
            {
                return ([], null);
            }

            var found = (reader.GetFieldValue<string[]>(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            _cache[key] = found;
            return found;
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            return ([], null);
        }
    }
}
