using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>Binary COPY in, streaming out, at a size where buffering would show (measured on the whole heap, so alone).</summary>
[Collection(AloneCollection.Name)]
public sealed class CopyAndStreamTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    private const int Rows = 100_000;

    [Fact]
    public async Task A_hundred_thousand_rows_go_in_by_copy_and_stream_back_with_bounded_memory()
    {
        await using var session = await db.BeginAsync();
        var copied = await session.Folders().InsertManyAsync(Generate(Rows));
        Assert.Equal((ulong)Rows, copied);

        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var count = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var folder in session.Folders().StreamAsync())
        {
            count++;
            names.Add(folder.Name);
            if (count % 10_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
            }

            Assert.NotEqual(Guid.Empty, folder.Id);
        }

        Assert.Equal(Rows, count);
        Assert.Equal(10, names.Count);
        // 100,000 folders held at once would take well over 20 MB; a stream holds a row and a network buffer.
        Assert.True(peak < 16 * 1024 * 1024, $"memory grew by {peak / 1024 / 1024} MB while streaming");
        Assert.Equal((long)Rows, await session.Folders().CountAsync());
    }

    [Fact]
    public async Task Copy_fills_client_side_version_7_keys_and_server_timestamps()
    {
        await using var session = await db.BeginAsync();
        var rows = Generate(3).ToList();

        await session.Folders().InsertManyAsync(rows);

        Assert.All(rows, r => Assert.Equal(7, r.Id.Version));
        var read = await session.Folders().GetAsync(rows[1].Id);
        Assert.Equal(rows[1].Name, read!.Name);
        Assert.True(read.CreatedAt > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task Copy_writes_every_mapped_type()
    {
        await using var session = await db.BeginAsync();
        var row = new AllTypes
        {
            Text = "t", Varchar = "v", Bounded = "ab", Tags = ["x"], Priority = Priority.High, NullablePriority = null, State = TicketState.Closed,
            Document = System.Text.Json.JsonDocument.Parse("{\"k\":1}"), Element = System.Text.Json.JsonDocument.Parse("[]").RootElement, RawJson = "{}",
            Preferences = new Preferences(), Address = System.Net.IPAddress.Loopback, Numbers = [1], Related = [Guid.Empty], Priorities = [Priority.Low],
            UtcAt = DateTime.UtcNow, Amount = 1.25m, Blob = [9],
        };

        await session.AllTypes().InsertManyAsync([row]);

        var read = (await session.AllTypes().GetAsync(row.Id))!;
        Assert.Equal((Priority.High, TicketState.Closed, 1.25m), (read.Priority, read.State, read.Amount));
        Assert.Equal([Priority.Low], read.Priorities);
        Assert.Equal(1, read.Document!.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(System.Net.IPAddress.Loopback, read.Address);
    }

    [Fact]
    public async Task A_failing_copy_inserts_nothing()
    {
        await using (var session = await db.BeginAsync())
        {
            var rows = Generate(1000).ToList();
            rows[500].Name = "";
            await Assert.ThrowsAsync<SchemaValidationException>(async () => await session.Folders().InsertManyAsync(rows));
        }

        await using var check = await db.BeginAsync();
        Assert.Equal(0L, await check.Folders().CountAsync());
    }

    [Fact]
    public async Task A_stream_stops_at_the_next_row_once_its_own_token_or_the_enumerators_is_cancelled()
    {
        await using var session = await db.BeginAsync();
        await session.Folders().InsertManyAsync(Generate(1000));

        using var passed = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var folder in session.Folders().StreamAsync(passed.Token))
            {
                if (++read == 10)
                {
                    await passed.CancelAsync();
                }
            }
        });
        Assert.Equal(10, read);

        // A stream cancelled while the server still sends rows cancels the statement, which aborts its transaction:
        // the second case gets a session of its own.
        await using var second = await db.BeginAsync();
        await second.Folders().InsertManyAsync(Generate(1000));
        using var enumerator = new CancellationTokenSource();
        read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var folder in second.Folders().StreamAsync().WithCancellation(enumerator.Token))
            {
                if (++read == 10)
                {
                    await enumerator.CancelAsync();
                }
            }
        });
        Assert.Equal(10, read);
    }

    private static IEnumerable<Folder> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new Folder { Name = "folder " + (i % 10) };
        }
    }
}
