using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Npgsql;
using Schemata.Tests.Model;
using Xunit;

namespace Schemata.Tests.Data;

/// <summary>A finder given null finds the rows whose column IS NULL, through the column's index.</summary>
public sealed class NullFinderTests(BlogDatabase db) : IClassFixture<BlogDatabase>
{
    private static readonly DateOnly Day = new(2026, 5, 1);

    [Fact]
    public async Task A_null_argument_finds_the_rows_whose_column_is_null()
    {
        await using var session = await db.BeginAsync();
        var unscheduled = await session.Posts().InsertAsync(new Post { Slug = "unscheduled" });
        var scheduled = await session.Posts().InsertAsync(new Post { Slug = "scheduled", PublishOn = Day });

        var nulls = await session.Posts().ListByPublishOnAsync(null);
        var onDay = await session.Posts().ListByPublishOnAsync(Day);

        Assert.Equal([unscheduled.Id], nulls.Select(p => p.Id));
        Assert.Equal([scheduled.Id], onDay.Select(p => p.Id));
        Assert.Empty(await session.Posts().ListByPublishOnAsync(Day.AddDays(1)));
    }

    [Fact]
    public async Task Each_column_of_a_two_column_finder_may_be_null_on_its_own()
    {
        await using var session = await db.BeginAsync();
        var both = await session.Posts().InsertAsync(new Post { Slug = "both", Series = "s", Part = 1 });
        var noPart = await session.Posts().InsertAsync(new Post { Slug = "no-part", Series = "s" });
        var noSeries = await session.Posts().InsertAsync(new Post { Slug = "no-series", Part = 1 });
        var neither = await session.Posts().InsertAsync(new Post { Slug = "neither" });

        Assert.Equal([both.Id], (await session.Posts().ListBySeriesAndPartAsync("s", 1)).Select(p => p.Id));
        Assert.Equal([noPart.Id], (await session.Posts().ListBySeriesAndPartAsync("s", null)).Select(p => p.Id));
        Assert.Equal([noSeries.Id], (await session.Posts().ListBySeriesAndPartAsync(null, 1)).Select(p => p.Id));
        Assert.Equal([neither.Id], (await session.Posts().ListBySeriesAndPartAsync(null, null)).Select(p => p.Id));
    }

    [Fact]
    public async Task A_unique_finder_given_null_finds_the_row_and_the_first_by_key_when_null_repeats()
    {
        await using var session = await db.BeginAsync();
        var author = await session.Authors().InsertAsync(new Author { Name = "Ada" });
        var own = await session.Posts().InsertAsync(new Post { AuthorId = author.Id, Slug = "about" });
        var anonymous = await session.Posts().InsertAsync(new Post { Slug = "about" });
        var first = await session.Posts().InsertAsync(new Post { Slug = "twin" });
        var second = await session.Posts().InsertAsync(new Post { Slug = "twin" });
        var lowest = new[] { first.Id, second.Id }.Min();

        Assert.Equal(own.Id, (await session.Posts().GetByAuthorIdAndSlugAsync(author.Id, "about"))!.Id);
        Assert.Equal(anonymous.Id, (await session.Posts().GetByAuthorIdAndSlugAsync(null, "about"))!.Id);
        Assert.Equal(lowest, (await session.Posts().GetByAuthorIdAndSlugAsync(null, "twin"))!.Id);
        Assert.Null(await session.Posts().GetByAuthorIdAndSlugAsync(author.Id, null));
    }

    [Fact]
    public async Task The_statement_for_a_null_argument_is_answered_by_the_index()
    {
        await using var session = await db.BeginAsync();
        var rows = Enumerable.Range(0, 5000).Select(i => new Post { Series = "bulk", Part = i, PublishOn = i % 100 == 0 ? null : Day.AddDays(i) });
        await session.Posts().InsertManyAsync(rows);
        await session.ExecuteAsync($"ANALYZE posts");
        var statements = Statements("ListByPublishOn");
        Assert.Equal(2, statements.Length);
        Assert.Contains(statements, s => s.Name.Contains("Null", StringComparison.Ordinal) && s.Sql.Contains("\"publish_on\" IS NULL", StringComparison.Ordinal));
        foreach (var (name, sql) in statements)
        {
            await using var explain = session.CreateCommand("EXPLAIN " + sql);
            explain.Parameters.Add(new NpgsqlParameter<DateOnly?> { TypedValue = name.Contains("Null", StringComparison.Ordinal) ? null : Day });
            var plan = string.Join("\n", await ReadAllAsync(explain));

            Assert.True(plan.Contains("ix_posts_publish_on", StringComparison.Ordinal), $"{name} does not use the index:\n{plan}");
        }
    }

    /// <summary>The generated statements of a finder (private constants of the generated table), by name.</summary>
    private static (string Name, string Sql)[] Statements(string finder) =>
        [.. typeof(PostTable).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.StartsWith(finder, StringComparison.Ordinal) && f.Name.EndsWith("Live", StringComparison.Ordinal))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    private static async Task<string[]> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new System.Collections.Generic.List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return [.. lines];
    }
}
