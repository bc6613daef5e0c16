using Schemata;

namespace PasteTrader.Models;

/// <summary>A node of a workflow graph; soft-deleted and restored together with its workflow.</summary>
[Table("nodes")]
[Index(nameof(WorkflowId))]
public sealed class Node : BaseModel
{
    [ForeignKey(typeof(Workflow), OnDelete = ReferentialAction.Cascade, CascadeSoftDelete = true)]
    public Guid WorkflowId { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }

    public NodeType NodeType { get; set; }

    [ForeignKey(typeof(Tool), OnDelete = ReferentialAction.SetNull)]
    public Guid? ToolId { get; set; }

    [ForeignKey(typeof(Agent), OnDelete = ReferentialAction.SetNull)]
    public Guid? AgentId { get; set; }
}
