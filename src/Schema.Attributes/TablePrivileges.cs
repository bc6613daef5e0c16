using System;

// Compiled into the generator as well (internal there), so the generator and the runtime share one schema model.
#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>What a role granted access with <c>[Grant]</c> may do with the tables.</summary>
[Flags]
#if SCHEMA_GENERATOR
internal
#else
public
#endif
enum TablePrivileges
{
    /// <summary>Read rows.</summary>
    Select = 1,

    /// <summary>Add rows.</summary>
    Insert = 2,

    /// <summary>Change rows.</summary>
    Update = 4,

    /// <summary>Remove rows.</summary>
    Delete = 8,

    /// <summary>Read and write rows: what an application role needs.</summary>
    ReadWrite = Select | Insert | Update | Delete,
}
