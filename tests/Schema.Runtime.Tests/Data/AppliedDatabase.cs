using System.Threading.Tasks;

namespace Schemata.Tests.Data;

/// <summary>A database of its own with the test model applied, shared by the tests of one class.</summary>
public sealed class AppliedDatabase : ModelDatabase
{
    protected override async Task ApplyAsync(SchemaDatabase database) => await global::Schema.ApplyAsync(database);
}
