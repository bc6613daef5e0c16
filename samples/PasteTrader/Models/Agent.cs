using Schemata;

namespace PasteTrader.Models;

/// <summary>An LLM agent: which provider and model it talks to.</summary>
[Table("agents")]
public sealed class Agent : BaseModel
{
    [Length(1, 100)]
    public required string Name { get; set; }

    public ModelProvider ModelProvider { get; set; }

    [MaxLength(100)]
    public required string ModelName { get; set; }

    public AuthMode AuthMode { get; set; } = AuthMode.Sdk;
}
