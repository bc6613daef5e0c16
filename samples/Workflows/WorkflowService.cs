using System.Text.Json;
using Schemata;
using Workflows.Models;

namespace Workflows;

/// <summary>Writes that must announce themselves: each goes with its outbox row, in the caller's transaction.</summary>
public static class WorkflowService
{
    /// <summary>
    /// Inserts <paramref name="workflow"/>, its <paramref name="steps"/> (positions 0, 1, …) and a
    /// <c>workflow.created</c> outbox row, all through <paramref name="session"/>: they commit or roll back together.
    /// </summary>
    public static async ValueTask<Workflow> CreateAsync(SchemaSession session, Workflow workflow, IReadOnlyList<WorkflowStep> steps, CancellationToken cancellationToken = default)
    {
        await session.Workflows().InsertAsync(workflow, cancellationToken);
        for (var position = 0; position < steps.Count; position++)
        {
            steps[position].WorkflowId = workflow.Id;
            steps[position].Position = position;
            await session.WorkflowSteps().InsertAsync(steps[position], cancellationToken);
        }

        var payload = JsonSerializer.SerializeToDocument(new WorkflowCreated(workflow.Id, workflow.OwnerId, workflow.Name, steps.Count), WorkflowsJson.Default.WorkflowCreated);
        await session.OutboxMessages().InsertAsync(
            new OutboxMessage
            {
                Id = SeedIds.For($"outbox:workflow.created:{workflow.Id}"),
                AggregateType = "workflow",
                AggregateId = workflow.Id,
                EventType = "workflow.created",
                Payload = payload,
            },
            cancellationToken);
        return workflow;
    }
}

/// <summary>The <c>workflow.created</c> event's payload.</summary>
public sealed record WorkflowCreated(Guid WorkflowId, Guid OwnerId, string Name, int Steps);
