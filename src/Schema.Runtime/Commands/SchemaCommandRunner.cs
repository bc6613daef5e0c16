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
        var allowHazards = new Option<bool>("--allow-hazards")
        {
            Description = "Run changes that block writers while they rewrite or scan a table with rows (a type change, a new primary key, ...): for a maintenance window.",
        };
        var allowOlderModel = new Option<bool>("--allow-older-model")
        {
            Description = "Apply this model even though the database records a newer one applied after it (a deliberate rollback of the schema).",
        };
        var confirm = new Option<bool>("--confirm") { Description = "Confirm that every table and enum type of the model, with their data, is to be dropped." };

        var script = new Command("script", "Print the DDL that creates the whole schema; needs no database.");
        script.SetAction((_, _) => RunAsync(ScriptAsync));

        var plan = new Command("plan", "Print the SQL an apply would run against the database; changes nothing.");
        plan.SetAction((_, token) => RunAsync(() => PlanAsync(token)));

        var apply = new Command("apply", "Create or migrate the schema, online; destructive changes need --allow-destructive, hazards --allow-hazards.")
        {
            allowDestructive, allowHazards, repairDrift, allowOlderModel,
        };
        apply.SetAction((result, token) => RunAsync(() => ApplyAsync(
            new ApplyOptions
            {
                AllowDestructive = result.GetValue(allowDestructive),
                AllowHazards = result.GetValue(allowHazards),
                RepairDrift = result.GetValue(repairDrift),
                ApplyOlderModel = result.GetValue(allowOlderModel),
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
        catch (SchemaRefusedException exception)
        {
            return await FailAsync(SchemaExitCodes.Refused, exception.Message).ConfigureAwait(false);
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

        if (plan.NewerModelHash is { } newer)
        {
            await output.WriteLineAsync($"-- {database.DisplayName} records a newer model ({Short(newer)}) applied after this one: an apply leaves it alone (`schema apply --allow-older-model` to apply this one anyway). It differs in:").ConfigureAwait(false);
            await output.WriteAsync(PlanText.Changes(plan.Changes, withStatements: false)).ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        await output.WriteLineAsync(
            $"-- Plan for {database.DisplayName}: {plan.Changes.Count} change(s), {plan.Blocked.Count} that cannot run, {plan.DestructiveChanges.Count} destructive, " +
            $"{plan.Hazards.Count} hazard(s), {plan.BreakingPreviousVersion.Count} breaking the previous version. Nothing has been changed.").ConfigureAwait(false);
        if (plan.Blocked.Count > 0)
        {
            await output.WriteLineAsync("-- Changes that cannot run on the rows the database holds stop the whole apply; each says what to do instead.").ConfigureAwait(false);
        }

        if (plan.DestructiveChanges.Count > 0)
        {
            await output.WriteLineAsync("-- Destructive changes run only with `schema apply --allow-destructive`.").ConfigureAwait(false);
        }

        if (plan.Hazards.Count > 0)
        {
            await output.WriteLineAsync("-- Hazards run only with `schema apply --allow-hazards`, in a maintenance window.").ConfigureAwait(false);
        }

        await output.WriteAsync(PlanText.Changes(plan.Changes, withStatements: true)).ConfigureAwait(false);
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

        if (result.NewerModelHash is not null)
        {
            await output.WriteLineAsync($"{database.DisplayName} records a newer model ({Short(result.NewerModelHash)}) applied after this one; left alone:").ConfigureAwait(false);
            await output.WriteAsync(PlanText.Changes(result.LeftAlone, withStatements: false)).ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        if (result.LongPhasesElsewhere)
        {
            await output.WriteLineAsync($"The short changes of this model are in {database.DisplayName}; another process is finishing its long phases.").ConfigureAwait(false);
            return SchemaExitCodes.Success;
        }

        await output.WriteLineAsync(
            $"Applied the schema to {database.DisplayName}: {result.Changes.Count} change(s), {result.Statements.Count} statement(s) in {result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms ({Short(result.ModelHash)}).").ConfigureAwait(false);
        await output.WriteAsync(PlanText.Changes(result.Changes, withStatements: true)).ConfigureAwait(false);
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
            ? $"Last apply: {Short(last.ModelHash)} at {last.AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} by {last.AppliedBy} ({last.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms), phase {last.Phase}"
            : "Last apply: never").ConfigureAwait(false);
        if (status.Plan.NewerModelHash is { } newer)
        {
            await output.WriteLineAsync($"State:      the database records a newer model ({Short(newer)}) applied after this one; an apply of this model leaves it alone").ConfigureAwait(false);
        }
        else if (status.IsPending)
        {
            await output.WriteLineAsync($"State:      short changes applied; {status.Plan.Changes.Count} change(s) of the long phases pending ({(status.LongPhasesRunning ? "running now in another process" : "not running: the next apply finishes them")})").ConfigureAwait(false);
            foreach (var change in status.Plan.Changes)
            {
                await output.WriteLineAsync("  " + change).ConfigureAwait(false);
            }
        }
        else if (status.IsUpToDate)
        {
            await output.WriteLineAsync("State:      up to date").ConfigureAwait(false);
        }
        else if (status.Plan.IsRecorded)
        {
            await output.WriteLineAsync("State:      applied, but changed outside the model since (drift: by hand or by another tool)").ConfigureAwait(false);
            await WriteDriftAsync(status.Plan).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"State:      {status.Plan.Changes.Count} pending change(s), {status.Plan.Blocked.Count} that cannot run, {status.Plan.DestructiveChanges.Count} destructive, {status.Plan.Hazards.Count} hazard(s) (run `schema plan` for the SQL)").ConfigureAwait(false);
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

        await output.WriteLineAsync($"-- Drift: {plan.Drift.Count} difference(s) made outside the model since that apply (by hand or by another tool); `schema apply --repair-drift` would put them back:").ConfigureAwait(false);
        foreach (var change in plan.Drift)
        {
            await output.WriteLineAsync("--   " + change).ConfigureAwait(false);
        }
    }

    private SchemaDatabase Connect() => SchemaModel.ApplyOnly(options => SchemaDatabase.FromMigrateEnvironment(environment, options));

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
