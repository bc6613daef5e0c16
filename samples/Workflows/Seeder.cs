using System.Text.Json;
using Schemata;
using Workflows.Models;

namespace Workflows;

/// <summary>
/// <c>dotnet run --project samples/Workflows -- seed</c>: 3 users, 5 workflows with steps, 10 runs with step logs.
/// Idempotent: every row has a stable key (<see cref="SeedIds"/>) and is upserted, so the counts are the same
/// after any number of runs; a workflow's outbox row is written only when the workflow is first created.
/// </summary>
public static class Seeder
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Email, string Name, UserRole Role)[] Users =
    [
        ("admin@workflows.example", "Admin", UserRole.Admin),
        ("developer@workflows.example", "Developer", UserRole.Developer),
        ("viewer@workflows.example", "Viewer", UserRole.Viewer),
    ];

    private static readonly (string Name, int Owner, TriggerType Trigger, string[] Steps)[] Definitions =
    [
        ("Nightly report", 0, TriggerType.Schedule, ["query", "render", "email"]),
        ("Deploy on merge", 1, TriggerType.Webhook, ["build", "test", "deploy"]),
        ("Rotate API keys", 0, TriggerType.Schedule, ["list", "rotate"]),
        ("Onboard customer", 1, TriggerType.Manual, ["create account", "send welcome", "schedule call", "notify sales"]),
        ("Archive old runs", 0, TriggerType.Schedule, ["select", "archive", "vacuum"]),
    ];

    /// <summary>Seeds in one unit of work (retried as a whole on transient errors) and returns the table counts.</summary>
    public static async ValueTask<SeedCounts> RunAsync(SchemaDatabase database, CancellationToken cancellationToken = default)
    {
        await database.RunAsync(SeedAsync, cancellationToken: cancellationToken);
        await using var session = await database.BeginAsync(cancellationToken: cancellationToken);
        return await SeedCounts.ReadAsync(session, cancellationToken);
    }

    private static async ValueTask SeedAsync(SchemaSession session, CancellationToken cancellationToken)
    {
        var users = new List<User>();
        foreach (var (email, name, role) in Users)
        {
            users.Add(await session.Users().UpsertByEmailAsync(new User { Id = SeedIds.For("user:" + email), Email = email, Name = name, Role = role }, cancellationToken));
        }

        var runNumber = 0;
        foreach (var (name, owner, trigger, stepNames) in Definitions)
        {
            var workflow = new Workflow { Id = SeedIds.For("workflow:" + name), OwnerId = users[owner].Id, Name = name, TriggerType = trigger };
            var steps = stepNames.Select((step, position) => new WorkflowStep
            {
                Id = SeedIds.For($"step:{name}:{position}"),
                Name = step,
                Action = step.Replace(' ', '_'),
                RetryPolicy = new RetryPolicy { MaxAttempts = 3, BackoffSeconds = 5 * (position + 1) },
            }).ToList();

            if (await session.Workflows().ExistsAsync(workflow.Id, cancellationToken))
            {
                await session.Workflows().UpsertAsync(workflow, cancellationToken);
                for (var position = 0; position < steps.Count; position++)
                {
                    steps[position].WorkflowId = workflow.Id;
                    steps[position].Position = position;
                    await session.WorkflowSteps().UpsertByWorkflowIdAndPositionAsync(steps[position], cancellationToken);
                }
            }
            else
            {
                await WorkflowService.CreateAsync(session, workflow, steps, cancellationToken);
            }

            // Two runs per workflow: one completed, one failed on its last step after a retry.
            for (var r = 0; r < 2; r++, runNumber++)
            {
                var failed = r == 1;
                var started = Epoch.AddHours(runNumber);
                var run = await session.WorkflowRuns().UpsertAsync(
                    new WorkflowRun
                    {
                        Id = SeedIds.For($"run:{runNumber}"),
                        WorkflowId = workflow.Id,
                        Status = failed ? RunStatus.Failed : RunStatus.Completed,
                        StartedAt = started,
                        FinishedAt = started.AddMinutes(steps.Count),
                        Error = failed ? $"step '{steps[^1].Name}' failed after 2 attempts" : null,
                    },
                    cancellationToken);
                for (var position = 0; position < steps.Count; position++)
                {
                    var last = position == steps.Count - 1;
                    await session.RunStepLogs().UpsertAsync(
                        new RunStepLog
                        {
                            Id = SeedIds.For($"log:{runNumber}:{position}"),
                            RunId = run.Id,
                            StepId = steps[position].Id,
                            Status = failed && last ? RunStatus.Failed : RunStatus.Completed,
                            Attempt = failed && last ? 2 : 1,
                            Output = JsonDocument.Parse($$"""{"step": {{position}}, "ok": {{(failed && last ? "false" : "true")}}}"""),
                            StartedAt = started.AddMinutes(position),
                            FinishedAt = started.AddMinutes(position + 1),
                        },
                        cancellationToken);
                }
            }
        }
    }
}

/// <summary>Rows per seeded table.</summary>
public sealed record SeedCounts(long Users, long Workflows, long Steps, long Runs, long StepLogs, long Outbox)
{
    /// <summary>Counts the rows of every seeded table.</summary>
    public static async ValueTask<SeedCounts> ReadAsync(SchemaSession session, CancellationToken cancellationToken = default) => new(
        await session.Users().CountAsync(cancellationToken),
        await session.Workflows().CountAsync(cancellationToken),
        await session.WorkflowSteps().CountAsync(cancellationToken),
        await session.WorkflowRuns().CountAsync(cancellationToken),
        await session.RunStepLogs().CountAsync(cancellationToken),
        await session.OutboxMessages().CountAsync(cancellationToken));

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Users} users, {Workflows} workflows, {Steps} steps, {Runs} runs, {StepLogs} step logs, {Outbox} outbox rows";
}
