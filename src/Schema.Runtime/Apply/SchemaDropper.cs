using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Plans <c>schema drop</c>: every table and enum type of the model (and of the last recorded model), the
/// schema-level grants it made, then its schemas once empty and the history table: a downgrade to an empty base.
/// </summary>
internal static class SchemaDropper
{
    public static List<string> Plan(SchemaModel model, Catalog catalog, Manifest? recorded)
    {
        var statements = new List<string>();
        for (var i = 0; i < model.Grants.Count; i++)
        {
            if (i < catalog.GrantsInEffect.Count && catalog.GrantsInEffect[i] && GrantChecks.Revoke(model.Grants[i]) is { } revoke)
            {
                statements.Add(revoke);
            }
        }

        var owned = Manifest.Of(model, catalog.SchemaOf).Entries.Select(e => e.Key)
            .Concat(recorded?.Entries.Select(e => e.Key) ?? [])
            .ToHashSet(StringComparer.Ordinal);

        var tables = catalog.Tables
            .Where(t => owned.Contains(Manifest.TableKey(t.Schema, t.Name)))
            .Select(t => Sql.Qualify(t.Schema, t.Name))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (tables.Count > 0)
        {
            statements.Add("DROP TABLE " + string.Join(", ", tables) + " CASCADE;");
        }

        var types = owned.Where(k => k.StartsWith("enum ", StringComparison.Ordinal))
            .Select(k => k["enum ".Length..])
            .Select(n => (Schema: n[..n.IndexOf('.', StringComparison.Ordinal)], Name: n[(n.IndexOf('.', StringComparison.Ordinal) + 1)..]))
            .Where(t => catalog.EnumLabels(t.Schema, t.Name) is not null)
            .Select(t => Sql.Qualify(t.Schema, t.Name))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (types.Count > 0)
        {
            statements.Add("DROP TYPE " + string.Join(", ", types) + " CASCADE;");
        }

        return statements;
    }

    /// <summary>Which of the model's schemas hold nothing any more (checked after the tables and types are gone).</summary>
    public static async ValueTask<List<string>> EmptySchemasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        var empty = new List<string>();
        if (schemas.Count == 0)
        {
            return empty;
        }

        var command = new NpgsqlCommand(
            """
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspname = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid)
              AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid)
              AND NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid)
            ORDER BY 1
            """,
            connection,
            transaction);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. schemas] });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            empty.Add(reader.GetString(0));
        }

        return empty;
    }
}
