using Schemata;

// SPEC-001 REQ-004: the six domain enums, each a native PostgreSQL enum type (SPEC-001-E allows native types or
// VARCHAR + CHECK; `[DbEnum(Storage = EnumStorage.Text)]` is the portable form). Labels are the members in
// snake_case unless [DbEnumValue] says otherwise.
namespace PasteTrader.Models;

/// <summary>Workflow node classification: <c>node_type</c>.</summary>
[DbEnum]
public enum NodeType
{
    Trigger,
    Tool,
    Agent,
    Condition,
    Adapter,
    Parallel,
    Aggregator,
}

/// <summary>Tool execution mechanism: <c>tool_type</c>.</summary>
[DbEnum]
public enum ToolType
{
    Http,
    Mcp,
    Python,
    Shell,
    Builtin,
}

/// <summary>LLM provider: <c>model_provider</c>.</summary>
[DbEnum]
public enum ModelProvider
{
    Anthropic,
    [DbEnumValue("openai")]
    OpenAI,
    Glm,
}

/// <summary>Workflow execution state: <c>execution_status</c>.</summary>
[DbEnum]
public enum ExecutionStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>API authentication mode: <c>auth_mode</c>.</summary>
[DbEnum]
public enum AuthMode
{
    [DbEnumValue("oauth")]
    OAuth,
    Standalone,
    Sdk,
    Glm,
}

/// <summary>Workflow trigger: <c>trigger_type</c>.</summary>
[DbEnum]
public enum TriggerType
{
    Schedule,
    Event,
    Manual,
}
