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

    /// <summary>Applies the schema to <paramref name="database"/>, refusing destructive changes.</summary>
    /// <param name="database">The database to create or migrate.</param>
    /// <param name="cancellationToken">Cancels the apply; nothing is left half-done.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="SchemaDestructiveChangeException">The model needs destructive changes; nothing was changed.</exception>
    /// <exception cref="SchemaApplyException">PostgreSQL refused a statement or a lock wait timed out; nothing was changed.</exception>
    public ValueTask<ApplyResult> ApplyAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.ApplyAsync(this, database, ApplyOptions.Default, cancellationToken);

    /// <summary>Applies the schema to <paramref name="database"/> as <paramref name="options"/> allow.</summary>
    /// <param name="database">The database to create or migrate.</param>
    /// <param name="options">Whether destructive changes may run, drift is repaired, how long to wait for locks.</param>
    /// <param name="cancellationToken">Cancels the apply; nothing is left half-done.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="SchemaDestructiveChangeException">Destructive changes were not allowed or not confirmed; nothing was changed.</exception>
    /// <exception cref="SchemaApplyException">PostgreSQL refused a statement or a lock wait timed out; nothing was changed.</exception>
    public ValueTask<ApplyResult> ApplyAsync(SchemaDatabase database, ApplyOptions options, CancellationToken cancellationToken = default)
        => SchemaApplier.ApplyAsync(this, database, options ?? ApplyOptions.Default, cancellationToken);

    /// <summary>The statements an apply would run against <paramref name="database"/> now; changes nothing.</summary>
    /// <param name="database">The database to compare with.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statements, in the order they would run; empty when the database is up to date.</returns>
    public async ValueTask<IReadOnlyList<string>> PlanAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
    {
        var plan = await SchemaApplier.PlanAsync(this, database, cancellationToken).ConfigureAwait(false);
        return plan.IsRecorded ? [] : plan.Statements;
    }

    /// <summary>Compares the model with <paramref name="database"/>: every change, which are destructive, and drift; changes nothing.</summary>
    /// <param name="database">The database to compare with.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The differences, in the order an apply would resolve them.</returns>
    public ValueTask<SchemaPlan> CompareAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.PlanAsync(this, database, cancellationToken);

    /// <summary>Where <paramref name="database"/> stands: the last recorded apply, pending changes and drift; changes nothing.</summary>
    /// <param name="database">The database to inspect.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status.</returns>
    public ValueTask<SchemaStatus> StatusAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.StatusAsync(this, database, cancellationToken);

    /// <summary>
    /// Drops every object of the model (tables, enum types, its schemas once empty, schema-level grants) and the
    /// history table, in one transaction: a downgrade to an empty base, for tests and teardown.
    /// </summary>
    /// <param name="database">The database to empty.</param>
    /// <param name="cancellationToken">Cancels the drop; nothing is left half-done.</param>
    /// <returns>The statements that ran.</returns>
    public ValueTask<IReadOnlyList<string>> DropAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.DropAsync(this, database, cancellationToken);
}
