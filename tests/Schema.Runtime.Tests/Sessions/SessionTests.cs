using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Sessions;

public sealed class SessionTests(SessionDatabase fixture) : IClassFixture<SessionDatabase>
{
    private async Task<long> CountAsync(string label) =>
        await Scalar.QueryAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM items WHERE label = '{label}'");

    private static async Task InsertAsync(SchemaSession session, string label)
    {
        await using var command = session.CreateCommand("INSERT INTO items (id, owner_id, label) VALUES (gen_random_uuid(), 1, $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = label });
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_committed_session_persists_and_an_uncommitted_one_rolls_back_on_dispose()
    {
        await using var db = fixture.Create();
        await using (var session = await db.BeginAsync())
        {
            await InsertAsync(session, "kept");
            await session.CommitAsync();
            Assert.True(session.IsCommitted);
        }

        await using (var session = await db.BeginAsync())
        {
            await InsertAsync(session, "dropped");
        }

        Assert.Equal(1, await CountAsync("kept"));
        Assert.Equal(0, await CountAsync("dropped"));
    }

    [Theory]
    [InlineData(IsolationLevel.ReadCommitted, "read committed")]
    [InlineData(IsolationLevel.RepeatableRead, "repeatable read")]
    [InlineData(IsolationLevel.Serializable, "serializable")]
    public async Task The_isolation_level_is_the_one_asked_for(IsolationLevel level, string shown)
    {
        await using var db = fixture.Create();
        await using var session = await db.BeginAsync(level);

        Assert.Equal(level, session.IsolationLevel);
        Assert.Equal(shown, await session.ScalarAsync<string>($"SELECT current_setting('transaction_isolation')"));
    }

    [Fact]
    public async Task Misuse_fails_clearly()
    {
        await using var db = fixture.Create();
        var session = await db.BeginAsync();
        await session.CommitAsync();

        var twice = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync().AsTask());
        Assert.Contains("already been committed", twice.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => session.CreateCommand("SELECT 1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.RollbackAsync().AsTask());

        await session.DisposeAsync();
        await session.DisposeAsync();
        var disposed = Assert.Throws<ObjectDisposedException>(() => session.CreateCommand("SELECT 1"));
        Assert.Contains("Begin a new session", disposed.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => session.Connection);

        var rolledBack = await db.BeginAsync();
        await rolledBack.RollbackAsync();
        var after = await Assert.ThrowsAsync<InvalidOperationException>(() => rolledBack.CommitAsync().AsTask());
        Assert.Contains("rolled back", after.Message, StringComparison.Ordinal);
        await rolledBack.DisposeAsync();
    }

    [Fact]
    public async Task Cancellation_rolls_back_what_the_unit_wrote()
    {
        await using var db = fixture.Create();
        using var cancel = new CancellationTokenSource();
        var unit = db.RunAsync(async (session, ct) =>
        {
            await InsertAsync(session, "cancelled");
            cancel.CancelAfter(200);
            await session.ExecuteAsync($"SELECT pg_sleep(30)", ct);
        }, cancellationToken: cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unit.AsTask());
        Assert.Equal(0, await CountAsync("cancelled"));
    }

    [Fact]
    public async Task A_command_timeout_leaves_nothing_half_written()
    {
        await using var db = fixture.Create(new SchemaDatabaseOptions { CommandTimeout = TimeSpan.FromSeconds(1), Retry = SchemaRetryOptions.None });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.RunAsync(async (session, ct) =>
        {
            await InsertAsync(session, "timed-out");
            await session.ExecuteAsync($"SELECT pg_sleep(5)", ct);
        }).AsTask());

        Assert.IsNotType<SchemaTransientException>(error);
        Assert.Equal(0, await CountAsync("timed-out"));
        Assert.DoesNotContain(fixture.Password, error.ToString(), StringComparison.Ordinal);
    }
}
