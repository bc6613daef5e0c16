using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>
/// One change of a model, judged on a live database the way a migration must be: the old version applied, rows
/// inserted, the new version planned (and the plan checked), applied, the evolved catalog compared with a fresh apply
/// of the new version, and planned again: empty.
/// </summary>
internal sealed class Evolution : IAsyncDisposable
{
    private Evolution(MigrationDatabase database, SchemaModel before, SchemaModel after)
    {
        Db = database;
        Before = before;
        After = after;
    }

    public MigrationDatabase Db { get; }

    public SchemaModel Before { get; }

    public SchemaModel After { get; }

    /// <summary>Applies <paramref name="before"/> to a new database and runs <paramref name="rows"/> there.</summary>
    public static async Task<Evolution> StartAsync(string before, string after, string? rows = null)
    {
        var database = await MigrationDatabase.CreateAsync();
        var evolution = new Evolution(database, ModelCompiler.Cached(before), ModelCompiler.Cached(after));
        await evolution.Before.ApplyAsync(database.Database);
        if (rows is not null)
        {
            await database.ExecuteAsync(rows);
        }

        return evolution;
    }

    /// <summary>
    /// The new version's plan, with what holds for every plan on a table with rows: each change either lets writers
    /// go on, or is refused as a hazard, or cannot run at all.
    /// </summary>
    public async Task<SchemaPlan> PlanAsync()
    {
        var plan = await After.CompareAsync(Db.Database);
        foreach (var change in plan.Changes)
        {
            Assert.True(change.IsOnline || change.IsHazard || change.IsBlocked, $"'{change.Description}' blocks writers while it scans or rewrites, but is not marked a hazard: {string.Join(" | ", change.Statements.Select(PlanText.Describe))}");
        }

        return plan;
    }

    /// <summary>Applies the new version and checks that the database converged on it.</summary>
    public async Task<ApplyResult> ApplyAsync(ApplyOptions? options = null)
    {
        var result = await After.ApplyAsync(Db.Database, options ?? new ApplyOptions { Environment = _ => null });
        await AssertConvergedAsync();
        return result;
    }

    /// <summary>The evolved catalog is what a fresh apply of the new version makes, and planning again finds nothing.</summary>
    public async Task AssertConvergedAsync()
    {
        await using var fresh = await MigrationDatabase.CreateAsync();
        await After.ApplyAsync(fresh.Database);
        Assert.Equal(await CatalogDump.ReadAsync(fresh.ConnectionString), await CatalogDump.ReadAsync(Db.ConnectionString));
        var again = await After.CompareAsync(Db.Database);
        Assert.True(again.IsEmpty, "Planned again after the apply: " + string.Join("; ", again.Changes));
        Assert.True(again.IsRecorded);
    }

    /// <summary>Asserts that applying is refused and changes nothing; returns the refusal.</summary>
    public async Task<SchemaRefusedException> AssertRefusedAsync(ApplyOptions? options = null)
    {
        var before = await CatalogDump.ReadAsync(Db.ConnectionString);
        var enums = await Db.QueryAsync<string>("SELECT COALESCE(string_agg(enumlabel::text, ',' ORDER BY enumtypid, enumsortorder), '') FROM pg_enum");
        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () => await After.ApplyAsync(Db.Database, options ?? new ApplyOptions { Environment = _ => null }));
        Assert.Equal(before, await CatalogDump.ReadAsync(Db.ConnectionString));
        Assert.Equal(enums, await Db.QueryAsync<string>("SELECT COALESCE(string_agg(enumlabel::text, ',' ORDER BY enumtypid, enumsortorder), '') FROM pg_enum"));
        return refused;
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
