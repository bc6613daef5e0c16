using System;
using Schemata;

[assembly: SchemaNamespace("Schemata.Tests.Model")]

namespace Schemata.Tests.Model;

// A small blog whose shapes the test model (tests/Schema.TestModel) does not have: finders over nullable columns,
// a table whose only non-key column the database fills, a soft-deleted parent with children that follow it.

[DbEnum]
public enum PostStatus
{
    Draft,
    Published,
}

// Unique over deleted rows too (a filter that is not the live-rows one), so an upsert by name can meet a deleted author.
[Table("authors")]
[Index(nameof(Name), Unique = true, Filter = "name <> ''")]
public sealed class Author : SoftDeletableEntity
{
    [MaxLength(100)]
    public required string Name { get; set; }
}

[Table("posts")]
[Index(nameof(PublishOn))]
[Index(nameof(AuthorId), nameof(Slug), Unique = true, LiveRowsOnly = true)]
[Index(nameof(Series), nameof(Part))]
public sealed class Post : SoftDeletableEntity
{
    [ForeignKey(typeof(Author), CascadeSoftDelete = true)]
    public Guid? AuthorId { get; set; }

    [MaxLength(100)]
    public string? Slug { get; set; }

    public DateOnly? PublishOn { get; set; }

    public string? Series { get; set; }

    public int? Part { get; set; }

    public PostStatus Status { get; set; }
}

[Table("post_likes")]
public sealed class PostLike
{
    [Key(Order = 0)]
    [ForeignKey(typeof(Post), OnDelete = ReferentialAction.Cascade)]
    public Guid PostId { get; set; }

    [Key(Order = 1)]
    [ForeignKey(typeof(Author), OnDelete = ReferentialAction.Cascade)]
    public Guid AuthorId { get; set; }

    [CreatedAt]
    public DateTimeOffset LikedAt { get; set; }
}
