namespace Schemata.Tests.Apply;

/// <summary>Versions of a small entity set, compiled inside the tests with <see cref="ModelCompiler"/>.</summary>
internal static class Versions
{
    public const string V1 = """
        namespace Shop;

        [DbEnum] public enum Status { Todo, Doing, Done }

        [Table("tasks")]
        public sealed class TaskItem : Entity
        {
            [MaxLength(100)] public required string Title { get; set; }
            public Status Status { get; set; } = Status.Todo;
            public string? Notes { get; set; }
        }
        """;

    /// <summary>
    /// Additive: a wider title, a new enum value placed in the middle and used at once as a default, a NOT NULL
    /// column with a default, a nullable column, an index and a new table.
    /// </summary>
    public const string V2 = """
        namespace Shop;

        [DbEnum] public enum Status { Todo, Doing, Blocked, Done }

        [Table("tasks"), Index(nameof(Status))]
        public sealed class TaskItem : Entity
        {
            [MaxLength(200)] public required string Title { get; set; }
            public Status Status { get; set; } = Status.Todo;
            public string? Notes { get; set; }
            public int Rank { get; set; } = 3;
            public Status ReviewState { get; set; } = Status.Blocked;
            public DateTimeOffset? DueAt { get; set; }
        }

        [Table("labels")]
        public sealed class Label : Entity
        {
            [MaxLength(50)] public required string Name { get; set; }
        }
        """;

    /// <summary>V1 with <c>notes</c> renamed to <c>details</c> through the hint.</summary>
    public const string Renamed = """
        namespace Shop;

        [DbEnum] public enum Status { Todo, Doing, Done }

        [Table("tasks")]
        public sealed class TaskItem : Entity
        {
            [MaxLength(100)] public required string Title { get; set; }
            public Status Status { get; set; } = Status.Todo;
            [Column(RenamedFrom = "notes")] public string? Details { get; set; }
        }
        """;

    /// <summary>V1 with extra objects that the destructive cases remove one at a time.</summary>
    public const string Rich = """
        namespace Shop;

        [DbEnum] public enum Status { Todo, Doing, Done }

        [Table("tasks"), Index(nameof(Title))]
        [Check("char_length(title) > 0", Name = "ck_tasks_title_nonempty")]
        public sealed class TaskItem : Entity
        {
            [MaxLength(100)] public required string Title { get; set; }
            public Status Status { get; set; } = Status.Todo;
            public string? Notes { get; set; }
        }

        [Table("labels")]
        public sealed class Label : Entity
        {
            [MaxLength(50)] public required string Name { get; set; }
        }
        """;

    public static string RichWithout(string what) => what switch
    {
        "table" => Rich.Replace("""
            [Table("labels")]
            public sealed class Label : Entity
            {
                [MaxLength(50)] public required string Name { get; set; }
            }
            """, string.Empty, System.StringComparison.Ordinal),
        "column" => Rich.Replace("    public string? Notes { get; set; }\n", string.Empty, System.StringComparison.Ordinal),
        "constraint" => Rich.Replace("[Check(\"char_length(title) > 0\", Name = \"ck_tasks_title_nonempty\")]\n", string.Empty, System.StringComparison.Ordinal),
        "index" => Rich.Replace("[Table(\"tasks\"), Index(nameof(Title))]", "[Table(\"tasks\")]", System.StringComparison.Ordinal),
        "enum value" => Rich.Replace("{ Todo, Doing, Done }", "{ Todo, Done }", System.StringComparison.Ordinal),
        "narrowing" => Rich.Replace("[MaxLength(100)] public required string Title", "[MaxLength(10)] public required string Title", System.StringComparison.Ordinal),
        "not null" => Rich.Replace("public string? Notes { get; set; }", "[Column(Default = \"'none'\")] public required string Notes { get; set; }", System.StringComparison.Ordinal),
        _ => throw new System.ArgumentOutOfRangeException(nameof(what)),
    };
}
