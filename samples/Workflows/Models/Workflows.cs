using Schemata;

namespace Workflows.Models;

/// <summary>A workflow, owned by a user.</summary>
[Table("workflows")]
[Index(nameof(OwnerId))]
public sealed class Workflow : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid OwnerId { get; set; }

    [Length(1, 200)]
    public required string Name { get; set; }

    [MaxLength(2000)]
    public string? Description { get; set; }

    public TriggerType TriggerType { get; set; } = TriggerType.Manual;

    public bool IsActive { get; set; } = true;
}

/// <summary>How often and how patiently a step is retried; stored as jsonb.</summary>
public sealed class RetryPolicy
{
    public int MaxAttempts { get; set; } = 3;

    public int BackoffSeconds { get; set; } = 10;
}

/// <summary>A step of a workflow; <c>position</c> orders the steps and is unique within the workflow.</summary>
[Table("workflow_steps")]
[Index(nameof(WorkflowId), nameof(Position), Unique = true)]
[Check("position >= 0")]
public sealed class WorkflowStep : Entity
{
    [ForeignKey(typeof(Workflow), OnDelete = ReferentialAction.Cascade)]
    public Guid WorkflowId { get; set; }

    public int Position { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }

    [Length(1, 100)]
    public required string Action { get; set; }

    [Jsonb]
    public RetryPolicy RetryPolicy { get; set; } = new();
}
