using Schemata;

// The generated Schema class and the session extensions go to TaskApi.Data rather than the global namespace.
[assembly: SchemaNamespace("TaskApi.Data")]

namespace TaskApi;

/// <summary>A user who owns tasks (spec 002: the users table the tasks' foreign key points to).</summary>
[Table("users")]
[Index(nameof(Email), Unique = true)]
public sealed class User : Entity
{
    [MaxLength(255)]
    public required string Email { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }
}

/// <summary>
/// A task (spec 002): title 1–200 characters, description at most 1000, completed false by default, indexes on
/// user_id and completed, deleted with its user (ON DELETE CASCADE), soft-deleted on its own.
/// </summary>
[Table("tasks")]
[Index(nameof(UserId))]
[Index(nameof(Completed))]
public sealed class TaskItem : SoftDeletableEntity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [Length(1, 200)]
    public required string Title { get; set; }

    [MaxLength(1000)]
    public string? Description { get; set; }

    public bool Completed { get; set; }
}
