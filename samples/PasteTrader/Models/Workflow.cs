using Schemata;

namespace PasteTrader.Models;

/// <summary>A workflow: its nodes and executions are soft-deleted (and restored) with it.</summary>
[Table("workflows")]
[Index(nameof(Name), Unique = true, LiveRowsOnly = true)]
public sealed class Workflow : BaseModel
{
    [Length(1, 200)]
    public required string Name { get; set; }

    [MaxLength(2000)]
    public string? Description { get; set; }

    public TriggerType TriggerType { get; set; } = TriggerType.Manual;

    public bool IsActive { get; set; } = true;
}
