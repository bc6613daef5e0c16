using System;
using System.Threading.Tasks;
using Schemata.Tests.Model;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>
/// An upsert leaves a live row holding the entity's values, or refuses: it never writes into a soft-deleted row
/// (which would stay hidden, the save lost from view), and it always reads back what the database holds.
/// </summary>
public sealed class UpsertTests(BlogDatabase db) : IClassFixture<BlogDatabase>
{
    [Fact]
    public async Task Upsert_by_key_onto_a_soft_deleted_row_is_a_conflict_and_writes_nothing()
    {
        await using var session = await db.BeginAsync();
        var author = await session.Authors().InsertAsync(new Author { Name = "Deleted Key" });
        await session.Authors().SoftDeleteAsync(author.Id);
        var updatedAt = author.UpdatedAt;
        var primaryKey = await session.ScalarAsync<string>($"SELECT conname::text FROM pg_constraint WHERE conrelid = 'authors'::regclass AND contype = 'p'");

        author.Name = "Saved Into The Void";
        var error = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await session.Authors().UpsertAsync(author));

        Assert.Equal(SchemaConstraintKind.Unique, error.Kind);
        Assert.True(error.IsConflict);
        Assert.Equal(("authors", primaryKey), (error.TableName, error.ConstraintName));
        Assert.Equal(["id"], error.Columns);
        Assert.Contains("soft-deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("RestoreAsync", error.Message, StringComparison.Ordinal);
        Assert.Equal(updatedAt, author.UpdatedAt);
        var stored = (await session.Authors().GetAsync(author.Id, DeletedRows.Only))!;
        Assert.Equal("Deleted Key", stored.Name);

        // Restored, the row takes the upsert: the session went on after the refusal.
        Assert.True(await session.Authors().RestoreAsync(author.Id));
        await session.Authors().UpsertAsync(author);
        Assert.Equal("Saved Into The Void", (await session.Authors().GetAsync(author.Id))!.Name);
        await session.CommitAsync();
    }

    [Fact]
    public async Task Upsert_by_a_unique_index_that_counts_deleted_rows_is_a_conflict_when_the_match_is_deleted()
    {
        await using var session = await db.BeginAsync();
        var author = await session.Authors().InsertAsync(new Author { Name = "Deleted Name" });
        await session.Authors().SoftDeleteAsync(author.Id);
        var index = await session.ScalarAsync<string>($"SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'authors'::regclass AND indisunique AND NOT indisprimary");

        var again = new Author { Name = "Deleted Name" };
        var error = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await session.Authors().UpsertByNameAsync(again));

        Assert.Equal(("authors", index), (error.TableName, error.ConstraintName));
        Assert.Equal(["name"], error.Columns);
        Assert.True(error.IsConflict);
        Assert.Equal(Guid.Empty, again.Id);
        Assert.Equal(1L, await session.ScalarAsync<long>($"SELECT count(*) FROM authors WHERE name = 'Deleted Name'"));
    }

    [Fact]
    public async Task Upsert_by_a_live_rows_index_inserts_beside_the_deleted_row()
    {
        await using var session = await db.BeginAsync();
        var author = await session.Authors().InsertAsync(new Author { Name = "Live Index" });
        var old = await session.Posts().InsertAsync(new Post { AuthorId = author.Id, Slug = "hello" });
        await session.Posts().SoftDeleteAsync(old.Id);

        var fresh = await session.Posts().UpsertByAuthorIdAndSlugAsync(new Post { AuthorId = author.Id, Slug = "hello", Status = PostStatus.Published });

        Assert.NotEqual(old.Id, fresh.Id);
        Assert.Equal(PostStatus.Published, (await session.Posts().GetByAuthorIdAndSlugAsync(author.Id, "hello"))!.Status);
    }

    [Fact]
    public async Task Upsert_of_a_row_whose_only_other_column_the_database_fills_reads_it_back_when_the_row_exists()
    {
        await using var session = await db.BeginAsync();
        var author = await session.Authors().InsertAsync(new Author { Name = "Liker" });
        var post = await session.Posts().InsertAsync(new Post { Slug = "liked" });

        var first = await session.PostLikes().UpsertAsync(new PostLike { PostId = post.Id, AuthorId = author.Id });
        var second = await session.PostLikes().UpsertAsync(new PostLike { PostId = post.Id, AuthorId = author.Id });

        Assert.NotEqual(default, first.LikedAt);
        Assert.Equal(first.LikedAt, second.LikedAt);
        Assert.Equal(1L, await session.ScalarAsync<long>($"SELECT count(*) FROM post_likes WHERE post_id = {post.Id}"));
    }
}
