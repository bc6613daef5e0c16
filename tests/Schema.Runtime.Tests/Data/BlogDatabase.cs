using System.Threading.Tasks;

namespace Schemata.Tests.Data;

/// <summary>A database of its own with the blog model (Data/Model) applied, shared by the tests of one class.</summary>
public sealed class BlogDatabase : ModelDatabase
{
    protected override async Task ApplyAsync(SchemaDatabase database) => await Schemata.Tests.Model.Schema.ApplyAsync(database);
}
