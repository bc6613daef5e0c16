using Schemata;

namespace PasteTrader.Models;

/// <summary>One run of a workflow; soft-deleted and restored together with its workflow.</summary>
[Table("executions")]
[Index(nameof(WorkflowId), nameof(Status))]
public sealed class Execution : BaseModel
{
    [ForeignKey(typeof(Workflow), OnDelete = ReferentialAction.Cascade, CascadeSoftDelete = true)]
    public Guid WorkflowId { get; set; }

    public ExecutionStatus Status { get; set; } = ExecutionStatus.Pending;

    public TriggerType TriggeredBy { get; set; } = TriggerType.Manual;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
