using Schemata;

namespace PasteTrader.Models;

/// <summary>A tool a node can call, and how it is reached.</summary>
[Table("tools")]
[Index(nameof(Name), Unique = true, LiveRowsOnly = true)]
public sealed class Tool : BaseModel
{
    [Length(1, 100)]
    public required string Name { get; set; }

    public ToolType ToolType { get; set; }

    public AuthMode AuthMode { get; set; } = AuthMode.Standalone;
}
