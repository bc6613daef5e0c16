using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>Builds the <c>schema</c> command tree and runs each command, turning failures into exit codes.</summary>
internal sealed class SchemaCommandRunner(SchemaModel model, TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public Command Build()
    {
        var allowDestructive = new Option<bool>("--allow-destructive")
        {
            Description = "Run destructive changes (drops, narrowing type changes, NOT NULL over NULLs). In production also set SCHEMA_CONFIRM_PRODUCTION=true.",
        };
        var repairDrift = new Option<bool>("--repair-drift")
        {
            Description = "Compare with the catalog even when this model is recorded as applied, putting back objects changed by hand.",
        };
        var concurrentIndexes = new Option<bool>("--concurrent-indexes")
        {
            Description = "Build indexes added to existing tables with CREATE INDEX CONCURRENTLY, after the rest has committed.",
        };
        var confirm = new Option<bool>("--confirm") { Description = "Confirm that every table and enum type of the model, with their data, is to be dropped." };

        var script = new Command("script", "Print the DDL that creates the whole schema; needs no database.");
        script.SetAction((_, _) => RunAsync(ScriptAsync));

        var plan = new Command("plan", "Print the SQL an apply would run against the database; changes nothing.");
        plan.SetAction((_, token) => RunAsync(() => PlanAsync(token)));

        var apply = new Command("apply", "Create or migrate the schema; destructive changes need --allow-destructive.") { allowDestructive, repairDrift, concurrentIndexes };
        apply.SetAction((result, token) => RunAsync(() => ApplyAsync(
            new ApplyOptions
            {
                AllowDestructive = result.GetValue(allowDestructive),
                RepairDrift = result.GetValue(repairDrift),
                CreateIndexesConcurrently = result.GetValue(concurrentIndexes),
                Environment = environment,
            },
            token)));

        var status = new Command("status", "Show the last apply, pending changes and drift; changes nothing.");
        status.SetAction((_, token) => RunAsync(() => StatusAsync(token)));

        var drop = new Command("drop", "Drop every object of the model and the history table (needs --confirm).") { confirm };
        drop.SetAction((result, token) => RunAsync(() => DropAsync(result.GetValue(confirm), token)));

        return new Command(SchemaCommands.CommandName, "Create, migrate and inspect the database schema.") { script, plan, apply, status, drop };
    }

    private async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (SchemaConfigurationException exception)
        {
            return await FailAsync(SchemaExitCodes.ConfigurationOrConnection, exception.Message).ConfigureAwait(false);
        }
        catch (SchemaConnectionException exception)
        {
            return await FailAsync(SchemaExitCodes.ConfigurationOrConnection, exception.Message).ConfigureAwait(false);
        }
        catch (SchemaDestructiveChangeException exception)
        {
            return await FailAsync(SchemaExitCodes.DestructiveChangeRefused, exception.Message).ConfigureAwait(false);
        }
        catch (SchemaApplyException exception)
        {
            return await FailAsync(SchemaExitCodes.Failed, exception.Message).ConfigureAwait(false);
        }
        catch (NpgsqlException exception) when (exception is not PostgresException)
        {
            return await FailAsync(SchemaExitCodes.ConfigurationOrConnection, "The database could not be reached: " + exception.Message).ConfigureAwait(false);
        }
        catch (PostgresException exception)
        {
            return await FailAsync(SchemaExitCodes.Failed, $"PostgreSQL said: {exception.MessageText} ({exception.SqlState}).").ConfigureAwait(false);
        }
    }

    private async Task<int> FailAsync(int code, string message)
    {
        await error.WriteLineAsync(message).ConfigureAwait(false);
        return code;
    }

    private async Task<int> ScriptAsync()
    {
        await output.WriteLineAsync(model.Script).ConfigureAwait(false);
        return SchemaExitCodes.Success;
    }

    private async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var database = Connect();
        await using var databaseScope = database.ConfigureAwait(false);
        var plan = await model.CompareAsync(database, cancellationToken).ConfigureAwait(false);
        if (plan.IsRecorded)
        {
            await output.WriteLineAsync($"-- Nothing to do: {database.DisplayName} records an apply of this model ({Short(plan.ModelHash)}).").ConfigureAwait(false);
            await WriteDriftAsync(plan).ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        if (plan.IsEmpty)
        {
            await output.WriteLineAsync($"-- Nothing to change in {database.DisplayName}: it already matches the model; an apply only records the hash {Short(plan.ModelHash)}.").ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        var destructive = plan.DestructiveChanges.Count;
        await output.WriteLineAsync($"-- Plan for {database.DisplayName}: {plan.Changes.Count} change(s), {destructive} destructive. Nothing has been changed.").ConfigureAwait(false);
        if (destructive > 0)
        {
            await output.WriteLineAsync("-- Destructive changes run only with `schema apply --allow-destructive`.").ConfigureAwait(false);
        }

        foreach (var change in plan.Changes.Where(c => c.RunsFirst).Concat(plan.Changes.Where(c => !c.RunsFirst)))
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("-- " + change.Description + (change.RunsFirst ? " (committed first, in its own transaction)" : string.Empty)).ConfigureAwait(false);
            if (change.IsDestructive)
            {
                await output.WriteLineAsync("-- DESTRUCTIVE: " + change.DestructiveReason).ConfigureAwait(false);
            }

            foreach (var statement in change.Statements)
            {
                await output.WriteLineAsync(statement).ConfigureAwait(false);
            }
        }

        return SchemaExitCodes.Success;
    }

    private async Task<int> ApplyAsync(ApplyOptions options, CancellationToken cancellationToken)
    {
        var database = Connect();
        await using var databaseScope = database.ConfigureAwait(false);
        var result = await model.ApplyAsync(database, options, cancellationToken).ConfigureAwait(false);
        if (result.WasUpToDate)
        {
            await output.WriteLineAsync($"Schema of {database.DisplayName} is up to date ({Short(result.ModelHash)}).").ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        await output.WriteLineAsync(
            $"Applied the schema to {database.DisplayName}: {result.Changes.Count} change(s), {result.Statements.Count} statement(s) in {result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms ({Short(result.ModelHash)}).").ConfigureAwait(false);
        foreach (var change in result.Changes)
        {
            await output.WriteLineAsync("  " + change.Description).ConfigureAwait(false);
        }

        return SchemaExitCodes.Success;
    }

    private async Task<int> StatusAsync(CancellationToken cancellationToken)
    {
        var database = Connect();
        await using var databaseScope = database.ConfigureAwait(false);
        var status = await model.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Database:   {database.DisplayName}").ConfigureAwait(false);
        await output.WriteLineAsync($"Model:      {Short(status.Plan.ModelHash)}").ConfigureAwait(false);
        await output.WriteLineAsync(status.LastApply is { } last
            ? $"Last apply: {Short(last.ModelHash)} at {last.AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} by {last.AppliedBy} ({last.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)"
            : "Last apply: never").ConfigureAwait(false);
        if (status.IsUpToDate)
        {
            await output.WriteLineAsync("State:      up to date").ConfigureAwait(false);
        }
        else if (status.Plan.IsRecorded)
        {
            await output.WriteLineAsync("State:      applied, but changed by hand since (drift)").ConfigureAwait(false);
            await WriteDriftAsync(status.Plan).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"State:      {status.Plan.Changes.Count} pending change(s), {status.Plan.DestructiveChanges.Count} destructive (run `schema plan` for the SQL)").ConfigureAwait(false);
            foreach (var change in status.Plan.Changes)
            {
                await output.WriteLineAsync("  " + change).ConfigureAwait(false);
            }
        }

        return SchemaExitCodes.Success;
    }

    private async Task<int> DropAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            return await FailAsync(
                SchemaExitCodes.Usage,
                "`schema drop` deletes every table and enum type of the model, with all their rows, and the history. Add --confirm to do it.").ConfigureAwait(false);
        }

        var database = Connect();
        await using var databaseScope = database.ConfigureAwait(false);
        var statements = await model.DropAsync(database, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Dropped the schema from {database.DisplayName}:").ConfigureAwait(false);
        foreach (var statement in statements)
        {
            await output.WriteLineAsync("  " + statement).ConfigureAwait(false);
        }

        return SchemaExitCodes.Success;
    }

    private async Task WriteDriftAsync(SchemaPlan plan)
    {
        if (plan.Drift.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync($"-- Drift: {plan.Drift.Count} difference(s) made by hand since that apply; `schema apply --repair-drift` would put them back:").ConfigureAwait(false);
        foreach (var change in plan.Drift)
        {
            await output.WriteLineAsync("--   " + change).ConfigureAwait(false);
        }
    }

    private SchemaDatabase Connect() => SchemaDatabase.FromMigrateEnvironment(environment, null);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
