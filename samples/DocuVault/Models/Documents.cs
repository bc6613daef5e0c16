using Schemata;

namespace DocuVault.Models;

/// <summary>A folder tree: each folder references its parent folder (NULL at the top).</summary>
[Table("folders")]
[Unique(nameof(UserId), nameof(ParentId), nameof(Name), Name = "uq_folders_user_parent_name")]
public sealed class Folder : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [ForeignKey(typeof(Folder), OnDelete = ReferentialAction.Cascade)]
    public Guid? ParentId { get; set; }

    [Length(1, 255)]
    public required string Name { get; set; }
}

/// <summary>
/// A stored document. <c>user_id</c> is nullable in phase 1 (D-03): documents exist before accounts do; a later
/// release makes it NOT NULL (an additive change when no row holds NULL).
/// </summary>
[Table("documents")]
[Index(nameof(UserId), nameof(FolderId))]
[Index(nameof(UserId), nameof(CreatedAt))]
public sealed class Document : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid? UserId { get; set; }

    [ForeignKey(typeof(Folder), OnDelete = ReferentialAction.SetNull)]
    public Guid? FolderId { get; set; }

    [Length(1, 255)]
    public required string Filename { get; set; }

    /// <summary>The object storage key (a UUID the storage backend was given).</summary>
    public Guid ObjectKey { get; set; }

    [MaxLength(255)]
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }
}

/// <summary>A topic, unique per user under a named constraint; user_id NULL for shared topics.</summary>
[Table("topics")]
[Unique(nameof(UserId), nameof(Name), Name = "uq_topics_user_name")]
public sealed class Topic : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid? UserId { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }
}

/// <summary>Documents and topics, many to many: the key is both columns.</summary>
[Table("document_topics")]
public sealed class DocumentTopic
{
    [Key(Order = 0)]
    [ForeignKey(typeof(Document), OnDelete = ReferentialAction.Cascade)]
    public Guid DocumentId { get; set; }

    [Key(Order = 1)]
    [ForeignKey(typeof(Topic), OnDelete = ReferentialAction.Cascade)]
    public Guid TopicId { get; set; }
}

/// <summary>A document shared with another user, once per recipient.</summary>
[Table("shares")]
[Unique(nameof(DocumentId), nameof(RecipientId), Name = "uq_shares_document_recipient")]
[Index(nameof(RecipientId))]
public sealed class Share : Entity
{
    [ForeignKey(typeof(Document), OnDelete = ReferentialAction.Cascade)]
    public Guid DocumentId { get; set; }

    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid RecipientId { get; set; }

    [MaxLength(20)]
    public string Permission { get; set; } = "read";
}
