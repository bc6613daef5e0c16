using Npgsql;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>The baseline's row reader, as a careful Npgsql user writes it: by ordinal, typed, no boxing.</summary>
public static class HandWritten
{
    public static Item ReadItem(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetFieldValue<long>(0),
        Name = reader.GetFieldValue<string>(1),
        Email = reader.GetFieldValue<string>(2),
        Quantity = reader.GetFieldValue<int>(3),
        Score = reader.GetFieldValue<double>(4),
        Price = reader.GetFieldValue<decimal>(5),
        IsActive = reader.GetFieldValue<bool>(6),
        PlacedAt = reader.GetFieldValue<System.DateTimeOffset>(7),
        Reference = reader.GetFieldValue<System.Guid>(8),
        Note = reader.IsDBNull(9) ? null : reader.GetFieldValue<string>(9),
    };

    public static void AddInsertParameters(NpgsqlCommand command, ItemWrite row)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Email });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Quantity });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = row.Score });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = row.Price });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = row.IsActive });
        command.Parameters.Add(new NpgsqlParameter<System.DateTimeOffset> { TypedValue = row.PlacedAt });
        command.Parameters.Add(new NpgsqlParameter<System.Guid> { TypedValue = row.Reference });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = row.Note });
    }

    public static async System.Threading.Tasks.ValueTask<ulong> CopyAsync(NpgsqlConnection connection, ItemWrite[] rows)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Sql.CopyWrites).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync().ConfigureAwait(false);
            await importer.WriteAsync(row.Name).ConfigureAwait(false);
            await importer.WriteAsync(row.Email).ConfigureAwait(false);
            await importer.WriteAsync(row.Quantity).ConfigureAwait(false);
            await importer.WriteAsync(row.Score).ConfigureAwait(false);
            await importer.WriteAsync(row.Price).ConfigureAwait(false);
            await importer.WriteAsync(row.IsActive).ConfigureAwait(false);
            await importer.WriteAsync(row.PlacedAt).ConfigureAwait(false);
            await importer.WriteAsync(row.Reference).ConfigureAwait(false);
            if (row.Note is null)
            {
                await importer.WriteNullAsync().ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(row.Note).ConfigureAwait(false);
            }
        }

        return await importer.CompleteAsync().ConfigureAwait(false);
    }
}
