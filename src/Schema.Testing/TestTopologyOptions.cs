using System.Collections.Generic;

namespace Schemata;

/// <summary>What <see cref="TestTopology.StartAsync(TestTopologyOptions, System.Threading.CancellationToken)"/> starts and how.</summary>
public sealed class TestTopologyOptions
{
    /// <summary>
    /// Lines appended to the primary's <c>postgresql.conf</c> before the standby is copied from it, so the standby
    /// has them too (<c>synchronous_commit = on</c>, for example).
    /// </summary>
    public IReadOnlyList<string> ServerSettings { get; init; } = [];

    /// <summary>Whether to start PgBouncer in front of the primary; <see langword="true"/> by default.</summary>
    public bool PgBouncer { get; init; } = true;
}
