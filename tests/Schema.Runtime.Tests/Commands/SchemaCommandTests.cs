using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Schemata.Tests.Apply;
using Xunit;

namespace Schemata.Tests.Commands;

/// <summary>The <c>schema</c> commands run in-process with arguments and an environment, output captured.</summary>
public sealed class SchemaCommandTests
{
    private static readonly Lazy<SchemaModel> V1 = new(() => ModelCompiler.Compile(Versions.V1));
    private static readonly Lazy<SchemaModel> Rich = new(() => ModelCompiler.Compile(Versions.Rich));

    [Fact]
    public void Handles_only_arguments_starting_with_schema()
    {
        Assert.True(SchemaCommands.Handles(["schema", "apply"]));
        Assert.False(SchemaCommands.Handles([]));
        Assert.False(SchemaCommands.Handles(["serve"]));
    }

    [Fact]
    public async Task Script_prints_the_ddl_without_any_database()
    {
        var run = await RunAsync(V1.Value, new Dictionary<string, string>(), "schema", "script");

        Assert.Equal(SchemaExitCodes.Success, run.Code);
        Assert.Equal(V1.Value.Script, run.Output.TrimEnd());
    }

    [Theory]
    [InlineData("schema")]
    [InlineData("schema", "migrate")]
    [InlineData("schema", "apply", "--force")]
    [InlineData("schema", "drop")]
    public async Task Usage_mistakes_exit_with_2(params string[] args)
    {
        var run = await RunAsync(V1.Value, new Dictionary<string, string> { ["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none" }, args);

        Assert.Equal(SchemaExitCodes.Usage, run.Code);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task Missing_or_unreachable_database_exits_with_4_and_never_shows_the_password()
    {
        var missing = await RunAsync(V1.Value, new Dictionary<string, string>(), "schema", "apply");
        Assert.Equal(SchemaExitCodes.ConfigurationOrConnection, missing.Code);
        Assert.Contains("DATABASE_URL", missing.Error, StringComparison.Ordinal);

        var unreachable = await RunAsync(V1.Value, new Dictionary<string, string> { ["DATABASE_URL"] = "postgresql://app:s3cr3t-pw@127.0.0.1:1/app" }, "schema", "status");
        Assert.Equal(SchemaExitCodes.ConfigurationOrConnection, unreachable.Code);
        Assert.DoesNotContain("s3cr3t-pw", unreachable.Error + unreachable.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_apply_status_and_drop_against_a_database()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var environment = new Dictionary<string, string> { ["DATABASE_MIGRATE_URL"] = db.ConnectionString, ["DATABASE_URL"] = "postgresql://unused@127.0.0.1:1/unused" };

        var plan = await RunAsync(Rich.Value, environment, "schema", "plan");
        Assert.Equal(SchemaExitCodes.Success, plan.Code);
        Assert.Contains("CREATE TABLE \"tasks\"", plan.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('tasks', 'schema_history')"));

        var apply = await RunAsync(Rich.Value, environment, "schema", "apply");
        Assert.Equal(SchemaExitCodes.Success, apply.Code);
        Assert.Contains("Applied the schema", apply.Output, StringComparison.Ordinal);

        var nothing = await RunAsync(Rich.Value, environment, "schema", "plan");
        Assert.Contains("Nothing to do", nothing.Output, StringComparison.Ordinal);

        var status = await RunAsync(Rich.Value, environment, "schema", "status");
        Assert.Equal(SchemaExitCodes.Success, status.Code);
        Assert.Contains("up to date", status.Output, StringComparison.Ordinal);
        Assert.Contains("by postgres", status.Output, StringComparison.Ordinal);

        var next = ModelCompiler.Compile(Versions.RichWithout("column"));
        var nextPlan = await RunAsync(next, environment, "schema", "plan");
        Assert.Contains("--   DESTRUCTIVE: ", nextPlan.Output, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"tasks\" DROP COLUMN \"notes\";", nextPlan.Output, StringComparison.Ordinal);

        var refused = await RunAsync(next, environment, "schema", "apply");
        Assert.Equal(SchemaExitCodes.Refused, refused.Code);
        Assert.Contains("drop column tasks.notes", refused.Error, StringComparison.Ordinal);

        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var guarded = await RunAsync(next, environment, "schema", "apply", "--allow-destructive");
        Assert.Equal(SchemaExitCodes.Refused, guarded.Code);
        Assert.Contains("SCHEMA_CONFIRM_PRODUCTION=true", guarded.Error, StringComparison.Ordinal);

        environment["SCHEMA_CONFIRM_PRODUCTION"] = "true";
        var allowed = await RunAsync(next, environment, "schema", "apply", "--allow-destructive");
        Assert.Equal(SchemaExitCodes.Success, allowed.Code);

        await db.ExecuteAsync("ALTER TABLE tasks ADD COLUMN scratch text");
        var drift = await RunAsync(next, environment, "schema", "status");
        Assert.Contains("drift", drift.Output, StringComparison.Ordinal);
        Assert.Contains("drop column tasks.scratch", drift.Output, StringComparison.Ordinal);

        var drop = await RunAsync(next, environment, "schema", "drop", "--confirm");
        Assert.Equal(SchemaExitCodes.Success, drop.Code);
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('tasks', 'labels', 'schema_history')"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(SchemaModel model, Dictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SchemaCommands.RunAsync(args, model, output, error, environment.GetValueOrDefault, default);
        return (code, output.ToString(), error.ToString());
    }
}
