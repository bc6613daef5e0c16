using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// A whole schema as data, generated from the entities of one assembly (<c>Schema.Model</c>). Applying it creates
/// what the database is missing, under an advisory lock, in one transaction, and records what ran.
/// </summary>
/// <param name="hash">SHA-256 of <paramref name="script"/>.</param>
/// <param name="script">The DDL that creates the whole schema in an empty database.</param>
/// <param name="schemas">PostgreSQL schemas (namespaces) the model uses besides the current one.</param>
/// <param name="enums">Native enum types.</param>
/// <param name="tables">Tables with their columns, constraints and indexes.</param>
/// <param name="grants">GRANT and ALTER DEFAULT PRIVILEGES statements.</param>
public sealed class SchemaModel(
    string hash,
    string script,
    IReadOnlyList<string> schemas,
    IReadOnlyList<EnumTypeModel> enums,
    IReadOnlyList<TableModel> tables,
    IReadOnlyList<string> grants)
{
    /// <summary>SHA-256 of <see cref="Script"/>; the history table records it.</summary>
    public string Hash { get; } = hash;

    /// <summary>The DDL that creates the whole schema in an empty database, in dependency order.</summary>
    public string Script { get; } = script;

    /// <summary>PostgreSQL schemas (namespaces) the model uses besides the current one.</summary>
    public IReadOnlyList<string> Schemas { get; } = schemas;

    /// <summary>Native enum types.</summary>
    public IReadOnlyList<EnumTypeModel> Enums { get; } = enums;

    /// <summary>Tables with their columns, constraints and indexes.</summary>
    public IReadOnlyList<TableModel> Tables { get; } = tables;

    /// <summary>GRANT and ALTER DEFAULT PRIVILEGES statements, run whenever the model changes.</summary>
    public IReadOnlyList<string> Grants { get; } = grants;

    /// <summary>Applies the schema through <c>DATABASE_MIGRATE_URL</c> (else <c>DATABASE_URL</c>) and waits.</summary>
    /// <returns>What was done.</returns>
    public ApplyResult Apply() => ApplyAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Applies the schema through <c>DATABASE_MIGRATE_URL</c> (else <c>DATABASE_URL</c>).</summary>
    /// <param name="cancellationToken">Cancels the apply; nothing is left half-done.</param>
    /// <returns>What was done.</returns>
    public async ValueTask<ApplyResult> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var database = SchemaDatabase.FromMigrateEnvironment();
        await using var databaseScope = database.ConfigureAwait(false);
        return await ApplyAsync(database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the schema to the database a URL or Npgsql connection string names.</summary>
    /// <param name="connectionString">A <c>postgresql://</c> URL or an Npgsql keyword string.</param>
    /// <param name="cancellationToken">Cancels the apply; nothing is left half-done.</param>
    /// <returns>What was done.</returns>
    public async ValueTask<ApplyResult> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var database = SchemaDatabase.Create(connectionString);
        await using var databaseScope = database.ConfigureAwait(false);
        return await ApplyAsync(database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the schema to <paramref name="database"/>.</summary>
    /// <param name="database">The database to create or migrate.</param>
    /// <param name="cancellationToken">Cancels the apply; nothing is left half-done.</param>
    /// <returns>What was done.</returns>
    public ValueTask<ApplyResult> ApplyAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.ApplyAsync(this, database, cancellationToken);

    /// <summary>The statements an apply would run against <paramref name="database"/> now; changes nothing.</summary>
    /// <param name="database">The database to compare with.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statements, in the order they would run; empty when the database is up to date.</returns>
    public ValueTask<IReadOnlyList<string>> PlanAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.PlanAsync(this, database, cancellationToken);
}
