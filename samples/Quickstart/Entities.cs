using System;
using Schemata;

namespace Quickstart;

/// <summary>A native PostgreSQL enum: <c>CREATE TYPE task_status AS ENUM (…)</c>.</summary>
[DbEnum]
public enum TaskStatus
{
    Todo,
    InProgress,
    Done,
}

/// <summary>Soft-deletable: an e-mail is unique among live users only, so a deleted user can sign up again.</summary>
[Table("users")]
[Index(nameof(Email), Unique = true, LiveRowsOnly = true)]
public sealed class User : SoftDeletableEntity
{
    [MaxLength(320)]
    public required string Email { get; set; }

    [Length(1, 100)]
    public required string Name { get; set; }
}

/// <summary>Each task belongs to a user; deleting the user deletes the tasks.</summary>
[Table("tasks")]
[Index(nameof(UserId), nameof(Status))]
public sealed class TaskItem : Entity
{
    [ForeignKey(typeof(User), OnDelete = ReferentialAction.Cascade)]
    public Guid UserId { get; set; }

    [Length(1, 200)]
    public required string Title { get; set; }

    public TaskStatus Status { get; set; } = TaskStatus.Todo;
}
