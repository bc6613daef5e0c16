using System.Threading.Tasks;

namespace Schemata;

/// <summary>A server someone else runs, named by <c>TEST_DATABASE_URL</c>; never started or stopped here.</summary>
internal sealed class ExternalServer : IServerBackend
{
    internal ExternalServer(string url)
    {
        ConnectionString = SchemaConnectionString.Normalize(url, SchemaEnvironment.TestUrlVariable);
    }

    public string ConnectionString { get; }

    public string Source => SchemaEnvironment.TestUrlVariable;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
