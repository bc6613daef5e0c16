using System.Threading.Tasks;
using Npgsql;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Statement errors raised through generated code reach the caller of a unit of work as they are.</summary>
public sealed class StatementErrorTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    [Fact]
    public async Task A_nul_byte_written_by_the_generated_insert_is_postgres_error_22021_and_nothing_is_inserted()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.RunAsync(async (session, ct) =>
        {
            attempts++;
            await session.Users().InsertAsync(new User { Email = "before-nul@example.com" }, ct);
            await session.Users().InsertAsync(new User { Email = "nul\0byte@example.com" }, ct);
        }).AsTask());

        Assert.Equal("22021", error.SqlState);
        Assert.Equal(1, attempts);
        await using var session = await db.BeginAsync();
        Assert.Null(await session.Users().GetByEmailAsync("before-nul@example.com"));
    }
}
