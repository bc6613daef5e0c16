using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// Each destructive kind is refused with the change and its reason listed and nothing changed, then runs when allowed;
/// the kinds that also rewrite the table (it holds a row) are hazards as well, and need both to be allowed.
/// </summary>
public sealed class DestructiveChangeTests
{
    private static readonly Lazy<SchemaModel> Rich = new(() => ModelCompiler.Compile(Versions.Rich));

    public static TheoryData<string, string, string, bool> Kinds => new()
    {
        { "table", "drop table labels", "SELECT count(*) FROM pg_class WHERE relname = 'labels'", false },
        { "column", "drop column tasks.notes", "SELECT count(*) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'notes' AND NOT attisdropped", false },
        { "constraint", "drop constraint ck_tasks_title_nonempty on tasks", "SELECT count(*) FROM pg_constraint WHERE conname = 'ck_tasks_title_nonempty'", false },
        { "index", "drop index ix_tasks_title on tasks", "SELECT count(*) FROM pg_class WHERE relname = 'ix_tasks_title'", false },
        { "enum value", "remove value(s) 'doing' from type status", "SELECT count(*) FROM pg_enum WHERE enumlabel = 'doing'", true },
        { "narrowing", "change type of tasks.title from varchar(100) to varchar(10)", "SELECT count(*) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'title' AND atttypmod = 104", true },
        { "not null", "make tasks.notes NOT NULL", "SELECT count(*) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'notes' AND NOT attnotnull", false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Refused_by_default_listing_the_change_then_applied_when_allowed(string kind, string description, string stillThere, bool hazard)
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await Rich.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("INSERT INTO tasks (title, status, notes) VALUES ('short', 'todo', NULL); INSERT INTO labels (name) VALUES ('x')");
        var before = await CatalogDump.ReadAsync(db.ConnectionString);
        var next = ModelCompiler.Compile(Versions.RichWithout(kind));

        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () => await next.ApplyAsync(db.Database));

        var change = Assert.Single(refused.Changes);
        Assert.Equal(description, change.Description);
        Assert.False(string.IsNullOrEmpty(change.DestructiveReason));
        Assert.Contains("- " + description + "\n      destructive: " + change.DestructiveReason, refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(hazard, change.IsHazard);
        Assert.Equal(before, await CatalogDump.ReadAsync(db.ConnectionString));
        Assert.Equal(1L, await db.QueryAsync<long>(stillThere));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM schema_history"));

        if (hazard)
        {
            var stillRefused = await Assert.ThrowsAsync<SchemaRefusedException>(async () => await next.ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = true, Environment = NoEnvironment }));
            Assert.Contains("- " + description + "\n      hazard: " + change.HazardReason, stillRefused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("destructive:", stillRefused.Message, StringComparison.Ordinal);
            Assert.Equal(before, await CatalogDump.ReadAsync(db.ConnectionString));
        }

        var applied = await next.ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = true, AllowHazards = hazard, Environment = NoEnvironment });

        Assert.Contains(applied.Changes, c => c.Description == description);
        Assert.Equal(0L, await db.QueryAsync<long>(stillThere));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM tasks WHERE title = 'short'"));
        Assert.True((await next.CompareAsync(db.Database)).IsEmpty);
    }

    [Theory]
    [InlineData("DOTNET_ENVIRONMENT")]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    public async Task In_production_allowing_is_not_enough_without_the_confirmation(string variable)
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await Rich.Value.ApplyAsync(db.Database);
        var next = ModelCompiler.Compile(Versions.RichWithout("column"));
        var production = new Dictionary<string, string> { [variable] = "Production" };

        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () =>
            await next.ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = true, Environment = production.GetValueOrDefault }));
        Assert.Contains("SCHEMA_CONFIRM_PRODUCTION=true", refused.Message, StringComparison.Ordinal);
        Assert.Contains("drop column tasks.notes", refused.Message, StringComparison.Ordinal);

        production["SCHEMA_CONFIRM_PRODUCTION"] = "true";
        await Assert.ThrowsAsync<SchemaRefusedException>(async () =>
            await next.ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = false, Environment = production.GetValueOrDefault }));
        var applied = await next.ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = true, Environment = production.GetValueOrDefault });
        Assert.Contains(applied.Changes, c => c.Description == "drop column tasks.notes");
    }

    [Fact]
    public async Task Outside_production_the_confirmation_is_not_needed()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await Rich.Value.ApplyAsync(db.Database);
        var staging = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Staging" };

        var applied = await ModelCompiler.Compile(Versions.RichWithout("index"))
            .ApplyAsync(db.Database, new ApplyOptions { AllowDestructive = true, Environment = staging.GetValueOrDefault });

        Assert.Equal(["DROP INDEX \"ix_tasks_title\";"], applied.Statements);
    }

    private static string? NoEnvironment(string name) => null;
}
