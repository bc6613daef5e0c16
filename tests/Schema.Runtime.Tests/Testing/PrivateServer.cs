using System.Threading.Tasks;

namespace Schemata.Tests;

internal static class PrivateServer
{
    /// <summary>A private local cluster whatever TEST_DATABASE_URL or Docker say, or null without PostgreSQL binaries.</summary>
    public static async Task<TestPostgres?> StartLocalAsync()
    {
        if (PostgresBinaries.FindNewest(null) is null)
        {
            return null;
        }

        return await TestPostgres.StartAsync(TestPostgresDiscovery.LocalOnly, isShared: false, default);
    }
}
