using Xunit;

namespace Schemata.Tests;

/// <summary>
/// Tests that measure the whole process (its heap) run on their own, after the parallel ones: other test classes
/// allocating at the same time would show in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "runs alone";
}
