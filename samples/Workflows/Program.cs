using Schemata;
using Workflows;
using Workflows.Data;
using Workflows.Models;

// `dotnet run -- schema script | plan | apply | status | drop --confirm`; `drop` then `apply` is the down/up cycle.
if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);

// The pool of spec 004: 10 connections kept, 10 more on demand, recycled after 30 minutes, 30 s to get one.
var options = new SchemaDatabaseOptions
{
    MinPoolSize = 10,
    MaxPoolSize = 20,
    ConnectionLifetime = TimeSpan.FromSeconds(1800),
    ConnectTimeout = TimeSpan.FromSeconds(30),
};

// With DATABASE_URL set the sample uses it; without it, a throwaway PostgreSQL is started for this run.
await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } ? null : await TestPostgres.StartAsync();
await using var database = server is null ? SchemaDatabase.FromEnvironment(options) : SchemaDatabase.Create(server.ConnectionString, options);
Console.WriteLine($"PostgreSQL: {database.DisplayName}{(server is null ? string.Empty : $" (throwaway, {server.Source})")}");

// Readiness: SELECT 1 through the pool, reported as /readyz would.
Console.WriteLine($"readyz: {{\"postgres\": \"{await database.CheckHealthAsync()}\"}}");
Console.WriteLine($"Apply: {await Schema.ApplyAsync(database)}");

if (args is ["seed"])
{
    Console.WriteLine($"Seeded: {await Seeder.RunAsync(database)}");
    if (server is not null)
    {
        // A throwaway server starts empty each time, so show idempotency within this run.
        Console.WriteLine($"Seeded again: {await Seeder.RunAsync(database)}");
    }

    return 0;
}

Console.WriteLine($"Seeded: {await Seeder.RunAsync(database)}");
Console.WriteLine();

// Creating a workflow writes its outbox row in the same transaction: both commit, or neither.
var admin = await database.RunAsync(async (session, token) => (await session.Users().GetByEmailAsync("admin@workflows.example", token))!);
var created = await database.RunAsync((session, token) => WorkflowService.CreateAsync(
    session,
    new Workflow { OwnerId = admin.Id, Name = "Send invoices", TriggerType = TriggerType.Schedule },
    [new WorkflowStep { Name = "collect", Action = "collect" }, new WorkflowStep { Name = "send", Action = "send", RetryPolicy = new RetryPolicy { MaxAttempts = 5, BackoffSeconds = 60 } }],
    token));
Console.WriteLine($"Created workflow {created.Name} ({created.Id}) with its outbox row");
try
{
    await database.RunAsync(async (session, token) =>
    {
        await WorkflowService.CreateAsync(session, new Workflow { OwnerId = admin.Id, Name = "Doomed" }, [new WorkflowStep { Name = "only", Action = "noop" }], token);
        throw new InvalidOperationException("the request failed after the insert");
    });
}
catch (InvalidOperationException failure)
{
    Console.WriteLine($"A unit that fails after creating 'Doomed' ({failure.Message}) leaves neither the workflow nor its outbox row");
}

await using (var session = await database.BeginAsync())
{
    var pending = await session.QueryAsync(
        OutboxMessageReader.Instance,
        $"SELECT * FROM outbox WHERE published_at IS NULL ORDER BY created_at, id LIMIT 100 FOR UPDATE SKIP LOCKED");
    Console.WriteLine($"Unpublished outbox rows: {pending.Count} ({string.Join(", ", pending.Select(m => m.EventType).Distinct())}), 'Doomed' among them: {pending.Any(m => m.Payload.RootElement.GetProperty("name").GetString() == "Doomed")}");

    // Steps in position order, with their jsonb retry policy.
    var steps = await session.QueryAsync(WorkflowStepReader.Instance, $"SELECT * FROM workflow_steps WHERE workflow_id = {created.Id} ORDER BY position");
    Console.WriteLine($"Steps of {created.Name}: {string.Join(", ", steps.Select(s => $"{s.Position}:{s.Name} (max {s.RetryPolicy.MaxAttempts} attempts, {s.RetryPolicy.BackoffSeconds} s backoff)"))}");

    var failedRuns = await session.WorkflowRuns().ListByStatusAsync(RunStatus.Failed);
    var retried = await session.ScalarAsync<long>($"SELECT count(*) FROM run_step_logs WHERE attempt > 1");
    Console.WriteLine($"Failed runs: {failedRuns.Count}; step logs that needed a retry: {retried}");
}

// Conflict and NotFound: domain errors from the database's answers.
try
{
    await database.RunAsync(async (session, token) => await session.Users().InsertAsync(new User { Email = "admin@workflows.example", Name = "Impostor" }, token));
}
catch (SchemaConstraintException conflict) when (conflict.IsConflict)
{
    Console.WriteLine($"Conflict: {conflict.Message}");
}

try
{
    await database.RunAsync(async (session, token) => await session.Workflows().GetAsync(Guid.Empty, token).OrNotFound("workflow", Guid.Empty));
}
catch (SchemaNotFoundException missing)
{
    Console.WriteLine($"NotFound: {missing.Message}");
}

// Deleting a user deletes their API keys (ON DELETE CASCADE).
await using (var session = await database.BeginAsync())
{
    var temp = await session.Users().InsertAsync(new User { Email = "temp@workflows.example", Name = "Temp" });
    await session.ApiKeys().InsertAsync(new ApiKey { UserId = temp.Id, Name = "ci", Prefix = "wf_ci", KeyHash = "sha256:0f1e2d" });
    var before = await session.ApiKeys().ListByUserIdAsync(temp.Id);
    await session.Users().DeleteAsync(temp.Id);
    var after = await session.ApiKeys().ListByUserIdAsync(temp.Id);
    Console.WriteLine($"API keys of a deleted user: {before.Count} before, {after.Count} after");
    await session.CommitAsync();
}

return 0;
