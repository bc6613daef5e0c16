using Schemata;

namespace Schemata.TestModel;

/// <summary>Stored as a native PostgreSQL enum with conventional labels.</summary>
[DbEnum]
public enum Priority
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>Stored as text with a CHECK, one label overridden.</summary>
[DbEnum("ticket_state", Storage = EnumStorage.Text)]
public enum TicketState
{
    Open,
    [DbEnumValue("in-progress")]
    InProgress,
    Closed,
}
