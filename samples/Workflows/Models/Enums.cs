using Schemata;

namespace Workflows.Models;

/// <summary>What a user may do: <c>user_role</c>.</summary>
[DbEnum]
public enum UserRole
{
    Viewer,
    Developer,
    Admin,
}

/// <summary>What starts a workflow: <c>trigger_type</c>.</summary>
[DbEnum]
public enum TriggerType
{
    Manual,
    Schedule,
    Webhook,
}

/// <summary>The state of a run and of each step's attempt: <c>run_status</c>.</summary>
[DbEnum("run_status")]
public enum RunStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
