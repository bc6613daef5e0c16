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
/// Nothing is dropped with <c>CASCADE</c>: an object outside the model that depends on the model's stops the drop.
/// </summary>
internal static class SchemaDropper
{
    public static List<string> Plan(SchemaModel model, Catalog catalog, Manifest? recorded)
    {
        // Privileges on tables go with the tables; those on schemas and default privileges are revoked.
        var statements = catalog.GrantTargets(model)
            .Where(t => t.Object is not (GrantObject.Table or GrantObject.Sequence) && catalog.HasRole(t.Role) && catalog.IsGranted(t))
            .Select(Ddl.Revoke)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var tables = model.Tables.Select(t => (Schema: catalog.SchemaOf(t.Schema), t.Name))
            .Concat(recorded?.Entries("table ") ?? [])
            .Distinct()
            .Where(t => catalog.Table(t.Schema, t.Name) is not null)
            .Select(t => Sql.Qualify(t.Schema, t.Name))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (tables.Count > 0)
        {
            // No CASCADE: what else depends on them (another table's foreign key, a view) stops the drop and is named.
            statements.Add("DROP TABLE " + string.Join(", ", tables) + ";");
        }

        var types = model.Enums.Select(e => (Schema: catalog.SchemaOf(e.Schema), e.Name))
            .Concat(recorded?.Entries("enum ") ?? [])
            .Distinct()
            .Where(t => catalog.EnumLabels(t.Schema, t.Name) is not null)
            .Select(t => Sql.Qualify(t.Schema, t.Name))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (types.Count > 0)
        {
            // No CASCADE: a column of another table using the type stops the drop instead of being dropped with it.
            statements.Add("DROP TYPE " + string.Join(", ", types) + ";");
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
