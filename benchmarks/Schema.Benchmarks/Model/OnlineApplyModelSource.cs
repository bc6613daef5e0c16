namespace Schemata.Benchmarks.Model;

/// <summary>
/// The two versions of the online-apply scenario's model. Version 2 adds to a <c>tasks</c> table that holds rows:
/// a foreign key on <c>user_id</c>, <c>NOT NULL</c> and a <c>char_length(title) &gt;= 1</c> check on <c>title</c>, a
/// check on <c>priority</c>, two plain indexes and a unique one — the release that used to stop every writer.
/// </summary>
public static class OnlineApplyModelSource
{
    public const string Version1 = """
        using System;
        using Schemata;

        namespace Online;

        [Table("users")]
        public sealed class User
        {
            public long Id { get; set; }
            public required string Name { get; set; }
        }

        [Table("tasks")]
        public sealed class TaskItem
        {
            public long Id { get; set; }
            public long UserId { get; set; }
            public string? Title { get; set; }
            public int Priority { get; set; }
            public required string Code { get; set; }
        }
        """;

    public const string Version2 = """
        using System;
        using Schemata;

        namespace Online;

        [Table("users")]
        public sealed class User
        {
            public long Id { get; set; }
            public required string Name { get; set; }
        }

        [Table("tasks")]
        [Index(nameof(UserId))]
        [Index(nameof(Priority))]
        [Index(nameof(Code), Unique = true)]
        public sealed class TaskItem
        {
            public long Id { get; set; }
            [ForeignKey(typeof(User))] public long UserId { get; set; }
            [Check("char_length(title) >= 1")] public required string Title { get; set; }
            [Check("priority BETWEEN 0 AND 10")] public int Priority { get; set; }
            public required string Code { get; set; }
        }
        """;
}
