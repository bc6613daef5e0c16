using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// A whole schema as data, generated from the entities of one assembly (<c>Schema.Model</c>). Applying it creates
/// what the database is missing, under an advisory lock, and records what ran.
/// </summary>
public sealed class SchemaModel
{
    private readonly Lazy<Parts> _parts;
    private Task? _loading;

    /// <summary>Creates a model from its parts.</summary>
    /// <param name="hash">SHA-256 of <paramref name="script"/>.</param>
    /// <param name="script">The DDL that creates the whole schema in an empty database.</param>
    /// <param name="schemas">PostgreSQL schemas (namespaces) the model uses besides the current one.</param>
    /// <param name="enums">Native enum types.</param>
    /// <param name="tables">Tables with their columns, constraints and indexes.</param>
    /// <param name="grants">Privileges granted to roles.</param>
    /// <param name="dataSteps">Data steps, in the order they run.</param>
    public SchemaModel(
        string hash,
        string script,
        IReadOnlyList<string> schemas,
        IReadOnlyList<EnumTypeModel> enums,
        IReadOnlyList<TableModel> tables,
        IReadOnlyList<GrantModel> grants,
        IReadOnlyList<DataStepModel>? dataSteps = null)
    {
        Hash = hash;
        _parts = new Lazy<Parts>(new Parts(script, schemas, enums, tables, grants, dataSteps ?? []));
    }

    /// <summary>
    /// Creates a model whose parts are built on first use: an apply that finds <paramref name="hash"/> recorded needs
    /// nothing but the hash, so a large model costs nothing at startup.
    /// </summary>
    /// <param name="hash">SHA-256 of the script; the history table records it.</param>
    /// <param name="load">Builds the model with all its parts; called at most once.</param>
    public SchemaModel(string hash, Func<SchemaModel> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        Hash = hash;
        _parts = new Lazy<Parts>(() => load()._parts.Value, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>SHA-256 of <see cref="Script"/>; the history table records it.</summary>
    public string Hash { get; }

    /// <summary>
    /// Builds the parts on a pool thread if they are not built yet, so that a comparison decodes a large model while
    /// it waits for the catalog rather than after; whoever reads a part first waits for that build (and sees its error).
    /// </summary>
    internal void LoadInBackground() => _loading ??= _parts.IsValueCreated ? Task.CompletedTask : Task.Run(() => _parts.Value);

    /// <summary>The DDL that creates the whole schema in an empty database, in dependency order.</summary>
    public string Script => _parts.Value.Script;

    /// <summary>PostgreSQL schemas (namespaces) the model uses besides the current one.</summary>
    public IReadOnlyList<string> Schemas => _parts.Value.Schemas;

    /// <summary>Native enum types.</summary>
    public IReadOnlyList<EnumTypeModel> Enums => _parts.Value.Enums;

    /// <summary>Tables with their columns, constraints and indexes.</summary>
    public IReadOnlyList<TableModel> Tables => _parts.Value.Tables;

    /// <summary>Privileges granted to roles, checked against the catalog and granted when not in effect.</summary>
    public IReadOnlyList<GrantModel> Grants => _parts.Value.Grants;

    /// <summary>One-off data work, run once per database in this order, inside apply.</summary>
    public IReadOnlyList<DataStepModel> DataSteps => _parts.Value.DataSteps;

    /// <summary>
    /// Applies the schema through <c>DATABASE_MIGRATE_URL</c> (else <c>DATABASE_URL</c>), for the first line of a
    /// Program.cs: returns once the short, blocking part is committed; index builds and validations on tables with rows
    /// finish in the background (<see cref="ApplyOptions.Startup"/>).
    /// </summary>
    /// <returns>What was done.</returns>
    public ApplyResult Apply() => ApplyAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Applies the schema through <c>DATABASE_MIGRATE_URL</c> (else <c>DATABASE_URL</c>) at startup: returns once the
    /// short, blocking part is committed; the long phases finish in the background (<see cref="ApplyOptions.Startup"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the apply; a step that was cancelled is rolled back.</param>
    /// <returns>What was done.</returns>
    public ValueTask<ApplyResult> ApplyAsync(CancellationToken cancellationToken = default)
        => ApplyOwningAsync(ApplyOnly(SchemaDatabase.FromMigrateEnvironment), cancellationToken);

    /// <summary>
    /// Applies the schema at startup to the database a URL or Npgsql connection string names: returns once the short,
    /// blocking part is committed; the long phases finish in the background (<see cref="ApplyOptions.Startup"/>).
    /// </summary>
    /// <param name="connectionString">A <c>postgresql://</c> URL or an Npgsql keyword string.</param>
    /// <param name="cancellationToken">Cancels the apply; a step that was cancelled is rolled back.</param>
    /// <returns>What was done.</returns>
    public ValueTask<ApplyResult> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
        => ApplyOwningAsync(ApplyOnly(options => SchemaDatabase.Create(connectionString, options)), cancellationToken);

    /// <summary>Applies the schema to <paramref name="database"/> and waits for every phase; refuses what is blocked, destructive or a hazard.</summary>
    /// <param name="database">The database to create or migrate.</param>
    /// <param name="cancellationToken">Cancels the apply; a step that was cancelled is rolled back.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="SchemaRefusedException">The plan holds changes that cannot run, or are destructive or hazards; nothing was changed.</exception>
    /// <exception cref="SchemaApplyException">PostgreSQL refused a statement or a lock was not granted in time; the step that failed was rolled back.</exception>
    public ValueTask<ApplyResult> ApplyAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
        => SchemaApplier.ApplyAsync(this, database, ApplyOptions.Default, cancellationToken);

    /// <summary>Applies the schema to <paramref name="database"/> as <paramref name="options"/> allow.</summary>
    /// <param name="database">The database to create or migrate.</param>
    /// <param name="options">What may run, whether long phases run in the background, how long to wait for locks.</param>
    /// <param name="cancellationToken">Cancels the apply; a step that was cancelled is rolled back.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="SchemaRefusedException">The plan holds changes that cannot run, or are destructive or hazards and not allowed; nothing was changed.</exception>
    /// <exception cref="SchemaApplyException">PostgreSQL refused a statement or a lock was not granted in time; the step that failed was rolled back.</exception>
    public ValueTask<ApplyResult> ApplyAsync(SchemaDatabase database, ApplyOptions options, CancellationToken cancellationToken = default)
        => SchemaApplier.ApplyAsync(this, database, options ?? ApplyOptions.Default, cancellationToken);

    /// <summary>
    /// The settings of a database that only applies (or compares, or drops): these read and write nothing but
    /// PostgreSQL's built-in types, so it skips loading the database's types, which costs more the more tables the
    /// database holds.
    /// </summary>
    private static SchemaDatabaseOptions ApplyOnlyOptions { get; } = new() { ConfigureDataSource = builder => builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false)) };

    /// <summary>
    /// A database made by <paramref name="create"/> that only applies, whose data steps in code get their sessions
    /// from one made by it with the types loaded.
    /// </summary>
    internal static SchemaDatabase ApplyOnly(Func<SchemaDatabaseOptions?, SchemaDatabase> create)
        => create(ApplyOnlyOptions).WithSessionsFrom(() => create(null));

    /// <summary>A startup apply through a database of its own, disposed once the long phases are done.</summary>
    private async ValueTask<ApplyResult> ApplyOwningAsync(SchemaDatabase database, CancellationToken cancellationToken)
    {
        ApplyResult? result = null;
        try
        {
            result = await SchemaApplier.ApplyAsync(this, database, ApplyOptions.Startup, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (result is { IsPending: true })
            {
                _ = DisposeWhenDoneAsync(result, database);
            }
            else
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task DisposeWhenDoneAsync(ApplyResult result, SchemaDatabase database)
    {
        try
        {
            await result.Completion.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SchemaApplyException or OperationCanceledException or Npgsql.NpgsqlException)
        {
            // Logged where it happened; the next apply finishes the work.
        }
        finally
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }
    }

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

    private sealed record Parts(
        string Script, IReadOnlyList<string> Schemas, IReadOnlyList<EnumTypeModel> Enums, IReadOnlyList<TableModel> Tables, IReadOnlyList<GrantModel> Grants, IReadOnlyList<DataStepModel> DataSteps);
}
