using System.Text.Json;
using Schemata;

namespace Workflows.Models;

/// <summary>One run of a workflow.</summary>
[Table("workflow_runs")]
[Index(nameof(WorkflowId))]
[Index(nameof(Status))]
public sealed class WorkflowRun : Entity
{
    [ForeignKey(typeof(Workflow), OnDelete = ReferentialAction.Cascade)]
    public Guid WorkflowId { get; set; }

    public RunStatus Status { get; set; } = RunStatus.Pending;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    [MaxLength(2000)]
    public string? Error { get; set; }
}

/// <summary>What one step did in one run; <c>attempt</c> counts the retries (1 = first try).</summary>
[Table("run_step_logs")]
[Index(nameof(RunId))]
[Check("attempt >= 1")]
public sealed class RunStepLog : Entity
{
    [ForeignKey(typeof(WorkflowRun), OnDelete = ReferentialAction.Cascade)]
    public Guid RunId { get; set; }

    [ForeignKey(typeof(WorkflowStep), OnDelete = ReferentialAction.Cascade)]
    public Guid StepId { get; set; }

    public RunStatus Status { get; set; } = RunStatus.Pending;

    public int Attempt { get; set; } = 1;

    public JsonDocument? Output { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
