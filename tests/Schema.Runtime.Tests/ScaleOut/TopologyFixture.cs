using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.ScaleOut;

/// <summary>
/// One topology (primary, streaming standby, PgBouncer in transaction mode) for the PgBouncer and replica tests, with a
/// database that has the test model applied through PgBouncer. The tests of the collection run one after another.
/// </summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public TestTopology Topology { get; private set; } = null!;

    public TestTopologyDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Topology = await TestTopology.StartAsync();
        Database = await Topology.CreateDatabaseAsync();
        await using var db = SchemaDatabase.Create(Database.PgBouncerConnectionString);
        await global::Schema.ApplyAsync(db);
        await Topology.WaitForStandbyAsync();
    }

    public async Task DisposeAsync() => await Topology.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<TopologyFixture>
{
    public const string Name = "scale-out topology";
}
