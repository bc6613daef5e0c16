using System.Diagnostics;
using PasteTrader.Data;
using PasteTrader.Models;
using Schemata;

// SPEC-001 REQ-002: `dotnet run -- schema script | plan | apply | status | drop --confirm`.
if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);

// REQ-005: the pool is configured in code (or the URL); 50 concurrent connections must fit.
var options = new SchemaDatabaseOptions { MinPoolSize = 5, MaxPoolSize = 50, ConnectTimeout = TimeSpan.FromSeconds(30) };

// With DATABASE_URL set the sample uses it; without it, a throwaway PostgreSQL is started for this run.
await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } ? null : await TestPostgres.StartAsync();
await using var database = server is null ? SchemaDatabase.FromEnvironment(options) : SchemaDatabase.Create(server.ConnectionString, options);
Console.WriteLine($"PostgreSQL: {database.DisplayName}{(server is null ? string.Empty : $" (throwaway, {server.Source})")}");

// REQ-005: verify connectivity at startup, then apply (idempotent: the second apply is one round trip).
await database.CheckConnectionAsync();
Console.WriteLine($"Apply: {await Schema.ApplyAsync(database)}");
Console.WriteLine($"Apply again: {await Schema.ApplyAsync(database)}");
Console.WriteLine();

Guid workflowId;
await using (var session = await database.BeginAsync())
{
    // REQ-003: id, created_at and updated_at come from the database; every generated UPDATE moves updated_at.
    var workflow = await session.Workflows().InsertAsync(new Workflow { Name = "Daily screener", TriggerType = TriggerType.Schedule });
    workflowId = workflow.Id;
    Console.WriteLine($"Workflow {workflow.Name}: id {workflow.Id} (gen_random_uuid()), created_at {workflow.CreatedAt:O}");

    // REQ-004: every enum used in a column, written and read through generated switch code.
    var http = await session.Tools().InsertAsync(new Tool { Name = "quotes", ToolType = ToolType.Http, AuthMode = AuthMode.OAuth });
    var analyst = await session.Agents().InsertAsync(new Agent { Name = "analyst", ModelProvider = ModelProvider.Anthropic, ModelName = "claude" });
    await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = "every morning", NodeType = NodeType.Trigger });
    await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = "fetch quotes", NodeType = NodeType.Tool, ToolId = http.Id });
    await session.Nodes().InsertAsync(new Node { WorkflowId = workflow.Id, Name = "summarise", NodeType = NodeType.Agent, AgentId = analyst.Id });
    await session.Executions().InsertAsync(new Execution { WorkflowId = workflow.Id, Status = ExecutionStatus.Completed, TriggeredBy = TriggerType.Schedule });
    await session.Executions().InsertAsync(new Execution { WorkflowId = workflow.Id, Status = ExecutionStatus.Running, TriggeredBy = TriggerType.Manual });
    await session.CommitAsync();
}

await using (var session = await database.BeginAsync())
{
    var workflow = (await session.Workflows().GetAsync(workflowId))!;
    var createdAt = workflow.CreatedAt;
    workflow.Description = "Screens the market before the open";
    await session.Workflows().UpdateAsync(workflow);
    var updated = (await session.Workflows().GetAsync(workflowId))!;
    Console.WriteLine($"After an update: created_at unchanged {updated.CreatedAt == createdAt}, updated_at {updated.UpdatedAt:O} (the transaction's clock)");
    await session.CommitAsync();
}

Console.WriteLine();
Console.WriteLine("Enum types (pg_enum):");
await using (var session = await database.BeginAsync())
{
    var enums = await session.QueryAsync(
        LabelReader.Instance,
        $"""
        SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname
        """);
    foreach (var line in enums)
    {
        Console.WriteLine("  " + line);
    }
}

// REQ-008: soft delete filters every generated read; the cascade reaches nodes and executions in the same
// statement; IncludeDeleted / Only opt in; restore brings the whole tree back.
Console.WriteLine();
await using (var session = await database.BeginAsync())
{
    await session.Workflows().SoftDeleteAsync(workflowId);
    var hidden = await session.Workflows().GetAsync(workflowId);
    var deleted = (await session.Workflows().GetAsync(workflowId, DeletedRows.Include))!;
    Console.WriteLine($"Soft-deleted: visible {hidden is not null}, is_deleted {deleted.IsDeleted}, live nodes {await session.Nodes().CountAsync()}, deleted nodes {await session.Nodes().CountAsync(DeletedRows.Only)}, deleted executions {await session.Executions().CountAsync(DeletedRows.Only)}");
    await session.Workflows().RestoreAsync(workflowId);
    Console.WriteLine($"Restored: visible {await session.Workflows().ExistsAsync(workflowId)}, live nodes {await session.Nodes().CountAsync()}, live executions {await session.Executions().CountAsync()}");
    await session.CommitAsync();
}

// REQ-006: a session that is disposed without a commit rolls back.
await using (var session = await database.BeginAsync())
{
    await session.Workflows().InsertAsync(new Workflow { Name = "Never committed" });
}

await using (var session = await database.BeginAsync())
{
    Console.WriteLine($"Disposed without commit: {await session.Workflows().CountAsync()} workflow(s) remain");
}

// Performance constraints: 50 concurrent sessions from one pool, and the cost of a session.
Console.WriteLine();
var concurrent = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
{
    await using var session = await database.BeginAsync();
    return await session.ScalarAsync<int>($"SELECT pg_backend_pid() FROM pg_sleep(0.2)");
}));
Console.WriteLine($"50 concurrent sessions ran on {concurrent.Distinct().Count()} connections");
const int rounds = 1000;
var clock = Stopwatch.StartNew();
for (var i = 0; i < rounds; i++)
{
    await using var session = await database.BeginAsync();
}

Console.WriteLine($"Session begin + rollback, pooled connection: {clock.Elapsed.TotalMilliseconds * 1000 / rounds:F0} µs on average over {rounds}");

// REQ-007: the production guard. Simulate a database that still has a column an older release declared: the
// model no longer has it, so putting the model back would drop it, which is destructive.
Console.WriteLine();
await using (var session = await database.BeginAsync())
{
    await session.ExecuteAsync($"ALTER TABLE workflows ADD COLUMN legacy_notes text");
    await session.CommitAsync();
}

var repair = new ApplyOptions { RepairDrift = true, AllowDestructive = true };
var previous = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "Production");
try
{
    try
    {
        await Schema.Model.ApplyAsync(database, repair);
    }
    catch (SchemaRefusedException refused)
    {
        Console.WriteLine($"DOTNET_ENVIRONMENT=Production, --allow-destructive, no confirmation: refused ({refused.Changes.Count} change(s)): {refused.Changes[0]}");
    }

    Environment.SetEnvironmentVariable(ApplyOptions.ConfirmProductionVariable, "true");
    var confirmed = await Schema.Model.ApplyAsync(database, repair);
    Console.WriteLine($"With {ApplyOptions.ConfirmProductionVariable}=true: {confirmed}");
}
finally
{
    Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", previous);
    Environment.SetEnvironmentVariable(ApplyOptions.ConfirmProductionVariable, null);
}

return 0;

/// <summary>Reads the first column of a row as text: what the raw SQL above selects.</summary>
internal sealed class LabelReader : IRowReader<string>
{
    public static LabelReader Instance { get; } = new();

    public int[] ResolveOrdinals(Npgsql.NpgsqlDataReader reader) => [0];

    public string Read(Npgsql.NpgsqlDataReader reader, int[] ordinals) => reader.GetString(ordinals[0]);
}
