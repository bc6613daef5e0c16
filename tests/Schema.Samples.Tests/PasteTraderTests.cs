using PasteTrader.Models;
using Xunit;
using PasteTraderSchema = PasteTrader.Data.Schema;

namespace Schemata.Samples.Tests;

/// <summary>Specs 000/001 (PasteTrader), each test on a fresh database with the sample's schema applied.</summary>
public sealed class PasteTraderTests
{
    [Fact]
    public async Task Req004_TheSixEnumsHaveExactlyTheSpecValues()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        var enums = await db.ColumnAsync("""
            SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname
            """);
        Assert.Equal(
            [
                "auth_mode: oauth, standalone, sdk, glm",
                "execution_status: pending, running, completed, failed, skipped, cancelled",
                "model_provider: anthropic, openai, glm",
                "node_type: trigger, tool, agent, condition, adapter, parallel, aggregator",
                "tool_type: http, mcp, python, shell, builtin",
                "trigger_type: schedule, event, manual",
            ],
            enums);

        // Every value round-trips through a column of its type.
        await using var session = await db.Database.BeginAsync();
        var workflow = await session.Workflows().InsertAsync(new Workflow { Name = "w" });
        foreach (var type in Enum.GetValues<NodeType>())
        {
            await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = type.ToString(), NodeType = type });
        }

        foreach (var status in Enum.GetValues<ExecutionStatus>())
        {
            await session.Executions().InsertAsync(new Execution { WorkflowId = workflow.Id, Status = status });
        }

        foreach (var (type, mode) in Enum.GetValues<ToolType>().Zip(Enum.GetValues<AuthMode>().Concat(Enum.GetValues<AuthMode>())))
        {
            await session.Tools().InsertAsync(new Tool { Name = type.ToString(), ToolType = type, AuthMode = mode });
        }

        foreach (var provider in Enum.GetValues<ModelProvider>())
        {
            await session.Agents().InsertAsync(new Agent { Name = provider.ToString(), ModelProvider = provider, ModelName = "m" });
        }

        Assert.Equal(Enum.GetValues<NodeType>(), (await session.Nodes().ListAsync(orderBy: NodeColumn.Name)).Select(n => n.NodeType).Order());
        Assert.Equal(Enum.GetValues<ModelProvider>(), (await session.Agents().ListAsync()).Select(a => a.ModelProvider).Order());
    }

    [Fact]
    public async Task Req003_BaseModelHasServerUuidTimestamptzAndNullableDeletedAt()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        foreach (var table in new[] { "workflows", "nodes", "tools", "agents", "executions" })
        {
            var columns = await db.ColumnAsync($"""
                SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '-')
                FROM information_schema.columns
                WHERE table_name = '{table}' AND column_name IN ('id', 'created_at', 'updated_at', 'deleted_at')
                ORDER BY column_name
                """);
            Assert.Equal(
                [
                    "created_at timestamp with time zone NO now()",
                    "deleted_at timestamp with time zone YES -",
                    "id uuid NO gen_random_uuid()",
                    "updated_at timestamp with time zone NO now()",
                ],
                columns);
        }
    }

    [Fact]
    public async Task Req003_IdAndTimestampsComeFromTheDatabase_AndAnUpdateMovesUpdatedAt()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        Workflow workflow;
        await using (var session = await db.Database.BeginAsync())
        {
            workflow = await session.Workflows().InsertAsync(new Workflow { Name = "w" });
            await session.CommitAsync();
        }

        Assert.NotEqual(Guid.Empty, workflow.Id);
        Assert.Equal(workflow.CreatedAt, workflow.UpdatedAt);
        Assert.False(workflow.IsDeleted);

        await using (var session = await db.Database.BeginAsync())
        {
            workflow.Description = "changed";
            Assert.True(await session.Workflows().UpdateAsync(workflow));
            await session.CommitAsync();
        }

        await using (var session = await db.Database.BeginAsync())
        {
            var read = (await session.Workflows().GetAsync(workflow.Id))!;
            Assert.Equal(workflow.CreatedAt, read.CreatedAt);
            Assert.True(read.UpdatedAt > read.CreatedAt);
            Assert.Equal("changed", read.Description);
        }
    }

    [Fact]
    public async Task Req008_SoftDeleteIsFilteredCascadesAndRestores()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        await using var session = await db.Database.BeginAsync();
        var workflow = await session.Workflows().InsertAsync(new Workflow { Name = "w" });
        var other = await session.Workflows().InsertAsync(new Workflow { Name = "other" });
        await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = "a", NodeType = NodeType.Trigger });
        await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = "b", NodeType = NodeType.Agent });
        await session.Nodes().InsertAsync(new Node { WorkflowId = other.Id, Name = "c", NodeType = NodeType.Tool });
        await session.Executions().InsertAsync(new Execution { WorkflowId = workflow.Id, Status = ExecutionStatus.Completed });

        Assert.True(await session.Workflows().SoftDeleteAsync(workflow.Id));

        Assert.Null(await session.Workflows().GetAsync(workflow.Id));
        var deleted = (await session.Workflows().GetAsync(workflow.Id, DeletedRows.Include))!;
        Assert.True(deleted.IsDeleted);
        Assert.Equal(1, await session.Workflows().CountAsync());
        Assert.Equal(["c"], (await session.Nodes().ListAsync()).Select(n => n.Name));
        Assert.Equal(2, await session.Nodes().CountAsync(DeletedRows.Only));
        Assert.Equal(0, await session.Executions().CountAsync());
        Assert.Empty(await session.Nodes().ListByWorkflowIdAsync(workflow.Id));

        // The row is still there: soft delete is an UPDATE.
        Assert.Equal(2L, await session.ScalarAsync<long>($"SELECT count(*) FROM workflows"));

        Assert.True(await session.Workflows().RestoreAsync(workflow.Id));
        Assert.False((await session.Workflows().GetAsync(workflow.Id))!.IsDeleted);
        Assert.Equal(3, await session.Nodes().CountAsync());
        Assert.Equal(1, await session.Executions().CountAsync());
    }

    [Fact]
    public async Task Req006_ASessionDisposedWithoutCommitRollsBack()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        await using (var session = await db.Database.BeginAsync())
        {
            await session.Workflows().InsertAsync(new Workflow { Name = "rolled back" });
            Assert.Equal(1, await session.Workflows().CountAsync());
        }

        await using (var session = await db.Database.BeginAsync(System.Data.IsolationLevel.Serializable))
        {
            Assert.Equal(0, await session.Workflows().CountAsync());
            Assert.Equal("serializable", await session.ScalarAsync<string>($"SHOW transaction_isolation"));
        }
    }

    [Fact]
    public async Task Constraint_FiftyConcurrentSessionsFitThePool()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);
        await using var pooled = SchemaDatabase.Create(db.ConnectionString, new SchemaDatabaseOptions { MinPoolSize = 5, MaxPoolSize = 50 });
        var held = 0;
        var allHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pids = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            await using var session = await pooled.BeginAsync();
            var pid = await session.ScalarAsync<int>($"SELECT pg_backend_pid()");
            if (Interlocked.Increment(ref held) == 50)
            {
                allHeld.SetResult();
            }

            // Every session keeps its connection until all 50 are open at once.
            await allHeld.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return pid;
        }));
        Assert.Equal(50, pids.Distinct().Count());
    }

    [Fact]
    public async Task Req007_MigrationsRefuseToRunWithoutADatabaseUrl()
    {
        var (exitCode, _, error) = await SampleProcess.RunAsync("PasteTrader", ["schema", "apply"], new Dictionary<string, string?>());
        Assert.Equal(4, exitCode);
        Assert.Contains("DATABASE_URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Req007_ProductionGuard_DestructiveApplyNeedsExplicitConfirmation()
    {
        await using var db = await SampleDatabase.CreateAsync(PasteTraderSchema.Model);

        // A column an older release declared: putting the model back would drop it.
        await using (var session = await db.Database.BeginAsync())
        {
            await session.ExecuteAsync($"ALTER TABLE workflows ADD COLUMN legacy_notes text");
            await session.CommitAsync();
        }

        var production = new Dictionary<string, string?> { ["DATABASE_URL"] = db.ConnectionString, ["DOTNET_ENVIRONMENT"] = "Production" };
        string[] apply = ["schema", "apply", "--repair-drift", "--allow-destructive"];

        var refused = await SampleProcess.RunAsync("PasteTrader", apply, production);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("SCHEMA_CONFIRM_PRODUCTION", refused.Error + refused.Output, StringComparison.Ordinal);
        Assert.Contains("legacy_notes", refused.Error + refused.Output, StringComparison.Ordinal);
        Assert.Equal(["legacy_notes"], await db.ColumnAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'workflows' AND column_name = 'legacy_notes'"));

        var confirmed = await SampleProcess.RunAsync("PasteTrader", apply, new Dictionary<string, string?>(production) { ["SCHEMA_CONFIRM_PRODUCTION"] = "true" });
        Assert.True(confirmed.ExitCode == 0, confirmed.Error);
        Assert.Empty(await db.ColumnAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'workflows' AND column_name = 'legacy_notes'"));
    }
}
