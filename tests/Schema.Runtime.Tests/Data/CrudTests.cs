using System;
using System.Linq;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>The generated operations other than soft delete, on real PostgreSQL.</summary>
public sealed class CrudTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    [Fact]
    public async Task Insert_returns_the_server_generated_key_and_timestamps()
    {
        await using var session = await db.BeginAsync();
        var before = await session.ScalarAsync<DateTimeOffset>($"SELECT now()");

        var folder = await session.Folders().InsertAsync(new Folder { Name = "root" });

        Assert.NotEqual(Guid.Empty, folder.Id);
        Assert.Equal(before, folder.CreatedAt);
        Assert.Equal(folder.CreatedAt, folder.UpdatedAt);
        var topic = await session.Topics().InsertAsync(new Topic { Slug = "news" });
        Assert.True(topic.Id > 0);
    }

    [Fact]
    public async Task A_client_chosen_key_is_kept()
    {
        await using var session = await db.BeginAsync();
        var id = Guid.NewGuid();

        await session.Folders().InsertAsync(new Folder { Id = id, Name = "mine" });

        Assert.True(await session.Folders().ExistsAsync(id));
    }

    [Fact]
    public async Task Update_writes_every_column_and_moves_updated_at_with_the_database_clock()
    {
        Guid id;
        DateTimeOffset created;
        await using (var first = await db.BeginAsync())
        {
            var folder = await first.Folders().InsertAsync(new Folder { Name = "before" });
            (id, created) = (folder.Id, folder.CreatedAt);
            await first.CommitAsync();
        }

        await Task.Delay(20);
        await using var session = await db.BeginAsync();
        var loaded = (await session.Folders().GetAsync(id))!;
        loaded.Name = "after";

        Assert.True(await session.Folders().UpdateAsync(loaded));

        Assert.True(loaded.UpdatedAt > created);
        var read = (await session.Folders().GetAsync(id))!;
        Assert.Equal("after", read.Name);
        Assert.Equal(created, read.CreatedAt);
        Assert.Equal(loaded.UpdatedAt, read.UpdatedAt);
        await session.Folders().DeleteAsync(id);
        await session.CommitAsync();
    }

    [Fact]
    public async Task Update_and_delete_of_a_missing_key_return_false()
    {
        await using var session = await db.BeginAsync();

        Assert.False(await session.Folders().UpdateAsync(new Folder { Id = Guid.NewGuid(), Name = "ghost" }));
        Assert.False(await session.Folders().DeleteAsync(Guid.NewGuid()));
        Assert.Null(await session.Folders().GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Upsert_inserts_then_updates_the_same_key()
    {
        await using var session = await db.BeginAsync();
        var id = Guid.NewGuid();

        var inserted = await session.Folders().UpsertAsync(new Folder { Id = id, Name = "one" });
        var updated = await session.Folders().UpsertAsync(new Folder { Id = id, Name = "two" });

        Assert.Equal(id, updated.Id);
        Assert.Equal(inserted.CreatedAt, updated.CreatedAt);
        Assert.Equal(1L, await session.Folders().CountAsync());
        Assert.Equal("two", (await session.Folders().GetAsync(id))!.Name);
    }

    [Fact]
    public async Task Upsert_by_a_unique_column_updates_the_existing_row_and_returns_its_key()
    {
        await using var session = await db.BeginAsync();
        var first = await session.Topics().InsertAsync(new Topic { Slug = "sports" });

        var again = await session.Topics().UpsertBySlugAsync(new Topic { Slug = "sports" });

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1L, await session.Topics().CountAsync());
        var other = await session.Topics().UpsertBySlugAsync(new Topic { Slug = "weather" });
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task List_pages_and_orders_with_the_key_as_tie_breaker()
    {
        await using var session = await db.BeginAsync();
        foreach (var name in new[] { "c", "a", "b", "a" })
        {
            await session.Folders().InsertAsync(new Folder { Name = name, ParentId = null });
        }

        var byName = await session.Folders().ListAsync(orderBy: FolderColumn.Name);
        Assert.Equal(["a", "a", "b", "c"], byName.Select(f => f.Name));
        var page = await session.Folders().ListAsync(limit: 2, offset: 1, orderBy: FolderColumn.Name, descending: true);
        Assert.Equal(["b", "a"], page.Select(f => f.Name));
        Assert.Empty(await session.Folders().ListAsync(limit: 0));
    }

    [Fact]
    public async Task A_page_with_a_negative_limit_or_offset_or_no_such_column_is_refused_through_its_task_and_sends_nothing()
    {
        await using var session = await db.BeginAsync();
        await session.Folders().InsertAsync(new Folder { Name = "kept" });

        // The calls return faulted tasks rather than throwing, as async methods do.
        var limit = session.Folders().ListAsync(limit: -1);
        var offset = session.Folders().ListAsync(offset: -1);
        var column = session.Folders().ListAsync(orderBy: (FolderColumn)99);

        Assert.Equal("limit", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await limit)).ParamName);
        Assert.Equal("offset", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await offset)).ParamName);
        Assert.Equal("orderBy", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await column)).ParamName);
        // A statement that had reached the server and failed would have aborted the transaction.
        Assert.Equal(["kept"], (await session.Folders().ListAsync()).Select(f => f.Name));
    }

    [Fact]
    public async Task Finders_follow_the_declared_indexes()
    {
        await using var session = await db.BeginAsync();
        var root = await session.Folders().InsertAsync(new Folder { Name = "root" });
        var child = await session.Folders().InsertAsync(new Folder { Name = "child", ParentId = root.Id });
        await session.Documents().InsertAsync(new Document { Title = "one", FolderId = child.Id, Priority = Priority.High });
        await session.Documents().InsertAsync(new Document { Title = "two", FolderId = child.Id, Priority = Priority.Low });
        await session.Topics().InsertAsync(new Topic { Slug = "found" });

        Assert.Equal(child.Id, (await session.Folders().GetByParentIdAndNameAsync(root.Id, "child"))!.Id);
        Assert.Null(await session.Folders().GetByParentIdAndNameAsync(root.Id, "missing"));
        Assert.Equal(["one"], (await session.Documents().ListByPriorityAsync(Priority.High)).Select(d => d.Title));
        Assert.Equal("found", (await session.Topics().GetBySlugAsync("found"))!.Slug);
        Assert.Equal(2L, await session.Documents().CountAsync());
        // Both were inserted in this transaction, so both have its start time as created_at.
        var one = (await session.Documents().ListByPriorityAsync(Priority.High)).Single();
        Assert.Equal(["one", "two"], (await session.Documents().ListByFolderIdAndCreatedAtAsync(child.Id, one.CreatedAt)).Select(d => d.Title).Order());
        Assert.Empty(await session.Documents().ListByFolderIdAndCreatedAtAsync(root.Id, one.CreatedAt));
        Assert.Empty(await session.Documents().ListByFolderIdAndCreatedAtAsync(child.Id, one.CreatedAt.AddSeconds(1)));
    }

    [Fact]
    public async Task A_finder_argument_that_cannot_be_stored_is_refused_through_the_task_and_sends_nothing()
    {
        await using var session = await db.BeginAsync();
        await session.Documents().InsertAsync(new Document { Title = "kept", Priority = Priority.High });

        // An undefined enum value has no database label; the call returns a faulted task, as async methods do.
        var pending = session.Documents().ListByPriorityAsync((Priority)99);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await pending);
        Assert.Equal(["kept"], (await session.Documents().ListByPriorityAsync(Priority.High)).Select(d => d.Title));
    }

    [Fact]
    public async Task A_composite_key_works_for_get_exists_and_delete()
    {
        await using var session = await db.BeginAsync();
        var document = await session.Documents().InsertAsync(new Document { Title = "doc" });
        var topic = await session.Topics().InsertAsync(new Topic { Slug = "t" });

        await session.DocumentTopics().InsertAsync(new DocumentTopic { DocumentId = document.Id, TopicId = topic.Id });
        await session.DocumentTopics().UpsertAsync(new DocumentTopic { DocumentId = document.Id, TopicId = topic.Id });

        Assert.True(await session.DocumentTopics().ExistsAsync(document.Id, topic.Id));
        Assert.NotNull(await session.DocumentTopics().GetAsync(document.Id, topic.Id));
        Assert.Equal(1L, await session.DocumentTopics().CountAsync());
        Assert.True(await session.DocumentTopics().DeleteAsync(document.Id, topic.Id));
        Assert.False(await session.DocumentTopics().ExistsAsync(document.Id, topic.Id));
    }

    [Fact]
    public async Task Identity_keys_and_schema_qualified_tables_work()
    {
        await using var session = await db.BeginAsync();
        using var payload = System.Text.Json.JsonDocument.Parse("""{"kind":"created"}""");

        var message = await session.OutboxMessages().InsertAsync(new OutboxMessage { AggregateType = "folder", AggregateId = Guid.NewGuid(), Payload = payload });

        Assert.True(message.Id > 0);
        Assert.True(message.CreatedAt > DateTimeOffset.UnixEpoch);
        var read = (await session.OutboxMessages().GetAsync(message.Id))!;
        Assert.Equal("created", read.Payload.RootElement.GetProperty("kind").GetString());
        Assert.Null(read.PublishedAt);
    }

    [Fact]
    public async Task Disposing_without_commit_rolls_back()
    {
        Guid id;
        await using (var session = await db.BeginAsync())
        {
            id = (await session.Folders().InsertAsync(new Folder { Name = "temporary" })).Id;
        }

        await using var check = await db.BeginAsync();
        Assert.False(await check.Folders().ExistsAsync(id));
    }
}
