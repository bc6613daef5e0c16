using System;
using System.Linq;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Soft delete, restore, cascades and live-only unique indexes.</summary>
public sealed class SoftDeleteTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    [Fact]
    public async Task Soft_deleted_rows_are_hidden_from_every_read_unless_asked()
    {
        await using var session = await db.BeginAsync();
        var kept = await session.Users().InsertAsync(new User { Email = "kept@example.com" });
        var gone = await session.Users().InsertAsync(new User { Email = "gone@example.com" });
        var now = await session.ScalarAsync<DateTimeOffset>($"SELECT now()");

        Assert.True(await session.Users().SoftDeleteAsync(gone.Id));
        Assert.False(await session.Users().SoftDeleteAsync(gone.Id));

        Assert.Null(await session.Users().GetAsync(gone.Id));
        Assert.False(await session.Users().ExistsAsync(gone.Id));
        Assert.Equal(1L, await session.Users().CountAsync());
        Assert.Equal([kept.Id], (await session.Users().ListAsync()).Select(u => u.Id));
        Assert.Equal([kept.Id], await session.Users().StreamAsync().Select(u => u.Id).ToListAsync());
        Assert.Null(await session.Users().GetByEmailAsync("gone@example.com"));

        var deleted = await session.Users().GetAsync(gone.Id, DeletedRows.Only);
        Assert.Equal(now, deleted!.DeletedAt);
        Assert.Equal(2L, await session.Users().CountAsync(DeletedRows.Include));
        Assert.Equal([gone.Id], (await session.Users().ListAsync(deleted: DeletedRows.Only)).Select(u => u.Id));
        Assert.True(await session.Users().ExistsAsync(gone.Id, DeletedRows.Include));
        Assert.False(await session.Users().UpdateAsync(deleted));
    }

    [Fact]
    public async Task Restore_brings_a_row_back()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "back@example.com" });
        await session.Users().SoftDeleteAsync(user.Id);

        Assert.True(await session.Users().RestoreAsync(user.Id));
        Assert.False(await session.Users().RestoreAsync(user.Id));

        Assert.Null((await session.Users().GetAsync(user.Id))!.DeletedAt);
    }

    [Fact]
    public async Task A_live_only_unique_index_lets_a_deleted_value_be_used_again_but_not_twice_live()
    {
        await using var session = await db.BeginAsync();
        var first = await session.Users().InsertAsync(new User { Email = "same@example.com" });
        await session.Users().SoftDeleteAsync(first.Id);

        var second = await session.Users().InsertAsync(new User { Email = "same@example.com" });

        Assert.NotEqual(first.Id, second.Id);
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(async () => await session.Users().InsertAsync(new User { Email = "same@example.com" }));
        Assert.Equal("uq_users_email", error.ConstraintName);
    }

    [Fact]
    public async Task Soft_delete_cascades_through_two_levels_in_one_statement_and_restore_undoes_exactly_that()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "owner@example.com" });
        var key = await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "ci" });
        var scope = await session.ApiKeyScopes().InsertAsync(new ApiKeyScope { ApiKeyId = key.Id, Scope = "read" });
        var revoked = await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "old" });
        await session.ExecuteAsync($"UPDATE api_keys SET deleted_at = now() - interval '1 day' WHERE id = {revoked.Id}");

        Assert.True(await session.Users().SoftDeleteAsync(user.Id));

        var deletedAt = (await session.Users().GetAsync(user.Id, DeletedRows.Only))!.DeletedAt;
        Assert.Equal(deletedAt, (await session.ApiKeys().GetAsync(key.Id, DeletedRows.Only))!.DeletedAt);
        Assert.Equal(deletedAt, (await session.ApiKeyScopes().GetAsync(scope.Id, DeletedRows.Only))!.DeletedAt);
        Assert.Equal(0L, await session.ApiKeys().CountAsync());

        Assert.True(await session.Users().RestoreAsync(user.Id));

        Assert.NotNull(await session.ApiKeys().GetAsync(key.Id));
        Assert.NotNull(await session.ApiKeyScopes().GetAsync(scope.Id));
        Assert.Null(await session.ApiKeys().GetAsync(revoked.Id));
        Assert.NotNull(await session.ApiKeys().GetAsync(revoked.Id, DeletedRows.Only));
    }

    [Fact]
    public async Task Restoring_a_row_whose_cascading_parent_is_still_deleted_is_refused_and_restores_nothing()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "orphan-parent@example.com" });
        var key = await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "orphan" });
        var scope = await session.ApiKeyScopes().InsertAsync(new ApiKeyScope { ApiKeyId = key.Id, Scope = "read" });
        await session.Users().SoftDeleteAsync(user.Id);
        var foreignKey = await session.ScalarAsync<string>($"SELECT conname::text FROM pg_constraint WHERE conrelid = 'api_keys'::regclass AND contype = 'f'");

        var error = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await session.ApiKeys().RestoreAsync(key.Id));
        var grandchild = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await session.ApiKeyScopes().RestoreAsync(scope.Id));

        Assert.Equal(SchemaConstraintKind.ForeignKey, error.Kind);
        Assert.Equal(("api_keys", foreignKey, "users"), (error.TableName, error.ConstraintName, error.ReferencedTable));
        Assert.Equal(["user_id"], error.Columns);
        Assert.Contains("soft-deleted", error.Message, StringComparison.Ordinal);
        Assert.Equal(("api_key_scopes", "api_keys"), (grandchild.TableName, grandchild.ReferencedTable));
        Assert.NotNull(await session.ApiKeys().GetAsync(key.Id, DeletedRows.Only));
        Assert.NotNull(await session.ApiKeyScopes().GetAsync(scope.Id, DeletedRows.Only));

        // The way back is the parent's restore, which brings its cascade back; a missing row is still just false.
        Assert.True(await session.Users().RestoreAsync(user.Id));
        Assert.NotNull(await session.ApiKeys().GetAsync(key.Id));
        Assert.False(await session.ApiKeys().RestoreAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_row_deleted_on_its_own_under_a_live_parent_is_restored()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "live-parent@example.com" });
        var key = await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "alone" });
        await session.ApiKeys().SoftDeleteAsync(key.Id);

        Assert.True(await session.ApiKeys().RestoreAsync(key.Id));
        Assert.NotNull(await session.ApiKeys().GetAsync(key.Id));
    }

    [Fact]
    public async Task Hard_delete_removes_the_row_and_the_database_cascade_follows()
    {
        await using var session = await db.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "hard@example.com" });
        await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Label = "x" });
        await session.Users().SoftDeleteAsync(user.Id);

        Assert.True(await session.Users().HardDeleteAsync(user.Id));

        Assert.Equal(0L, await session.Users().CountAsync(DeletedRows.Include));
        Assert.Equal(0L, await session.ApiKeys().CountAsync(DeletedRows.Include));
    }
}
