using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Schemata.Benchmarks.Infrastructure;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8c: the full comparison of a model with the catalog (<c>schema status</c>), in process, for the startup
/// app's model at 4 and at 1,000 tables (each with a foreign key, two indexes and an enum column), on a database at
/// the model: the catalog is read in one batch of a fixed number of queries, whatever the size. The process-level
/// figures (a whole no-op startup apply, JIT and NativeAOT) are the startup probe's, after the table.
/// </summary>
[BenchmarkCategory("8 apply, full comparison")]
public class ApplySizeBenchmarks
{
    private SchemaModel _model = null!;
    private SchemaDatabase _database = null!;
    private TestDatabase _storage = null!;

    [Params(4, 1000)]
    public int Tables { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var tables = BenchmarkSettings.Dry ? Tables / 50 + 2 : Tables;
        var assembly = Assembly.LoadFrom(StartupApps.Get(tables, StartupBuild.Jit));
        _model = (SchemaModel)assembly.GetType("Schema")!.GetProperty("Model")!.GetValue(null)!;
        _storage = await BenchmarkDatabase.Get().Server.CreateDatabaseAsync();
        _database = SchemaDatabase.Create(_storage.ConnectionString);
        await _model.ApplyAsync(_database);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Benchmark]
    public ValueTask<SchemaStatus> Status() => _model.StatusAsync(_database);
}
