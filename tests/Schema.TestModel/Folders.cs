using System;
using Schemata;

namespace Schemata.TestModel;

/// <summary>A tree: each folder references its parent folder.</summary>
[Table("folders")]
[Index(nameof(ParentId), nameof(Name), Unique = true)]
public sealed class Folder : Entity
{
    [ForeignKey(typeof(Folder), OnDelete = ReferentialAction.Cascade)]
    public Guid? ParentId { get; set; }

    [Length(1, 255)]
    public required string Name { get; set; }
}

/// <summary>A document in a folder, with a native enum, a check and a multi-column index.</summary>
[Table("documents")]
[Index(nameof(FolderId), nameof(CreatedAt))]
[Index(nameof(Priority))]
public sealed class Document : Entity
{
    [ForeignKey(typeof(Folder), OnDelete = ReferentialAction.SetNull)]
    public Guid? FolderId { get; set; }

    [ForeignKey(typeof(User))]
    public Guid? UserId { get; set; }

    [Length(1, 200)]
    [Check("title <> 'untitled'")]
    public required string Title { get; set; }

    public Priority Priority { get; set; }
}

/// <summary>A topic with a unique constraint under an explicit name.</summary>
[Table("topics")]
[Unique(nameof(Slug), Name = "topics_slug_key")]
public sealed class Topic
{
    public int Id { get; set; }

    [MaxLength(100)]
    public required string Slug { get; set; }
}

/// <summary>A join table with a two-column key.</summary>
[Table("document_topics")]
public sealed class DocumentTopic
{
    [Key(Order = 0)]
    [ForeignKey(typeof(Document), OnDelete = ReferentialAction.Cascade)]
    public Guid DocumentId { get; set; }

    [Key(Order = 1)]
    [ForeignKey(typeof(Topic), OnDelete = ReferentialAction.Cascade)]
    public int TopicId { get; set; }
}
