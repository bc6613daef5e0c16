using System.Linq;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>Each diagnostic fires on a broken declaration, on the offending text, and stays silent on its fix.</summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // id, broken source, the text the squiggle must cover, the fixed source
        { "SCH0001", "[Table] public class Note { public string? Body { get; set; } }", "Note", "[Table] public class Note { public int Id { get; set; } public string? Body { get; set; } }" },
        { "SCH0002", "[Table] public class Note { public int Id { get; set; } public uint Hits { get; set; } }", "Hits", "[Table] public class Note { public int Id { get; set; } public long Hits { get; set; } }" },
        { "SCH0002", "[Table] public class Note { public int Id { get; set; } public Tag? Tag { get; set; } } public class Tag { public int X { get; set; } }", "Tag", "[Table] public class Note { public int Id { get; set; } [Jsonb] public Tag? Tag { get; set; } } public class Tag { public int X { get; set; } }" },
        { "SCH0003", "[Table] public class Note { public int Id { get; set; } [MaxLength(5)] public int Size { get; set; } }", "MaxLength(5)", "[Table] public class Note { public int Id { get; set; } [MaxLength(5)] public string? Size { get; set; } }" },
        { "SCH0003", "[Table] public class Note { public int Id { get; set; } [Precision(5, 2)] public int Size { get; set; } }", "Precision(5, 2)", "[Table] public class Note { public int Id { get; set; } [Precision(5, 2)] public decimal Size { get; set; } }" },
        { "SCH0004", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Plain))] public int PlainId { get; set; } } public class Plain { public int Id { get; set; } }", "ForeignKey(typeof(Plain))", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Plain))] public int PlainId { get; set; } } [Table] public class Plain { public int Id { get; set; } }" },
        { "SCH0005", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Owner))] public int OwnerId { get; set; } } [Table] public class Owner { public Guid Id { get; set; } }", "OwnerId", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Owner))] public Guid OwnerId { get; set; } } [Table] public class Owner { public Guid Id { get; set; } }" },
        { "SCH0006", "[Table(\"notes\")] public class Note { public int Id { get; set; } } [Table(\"notes\")] public class Other { public int Id { get; set; } }", "Other", "[Table(\"notes\")] public class Note { public int Id { get; set; } } [Table(\"others\")] public class Other { public int Id { get; set; } }" },
        { "SCH0007", "[Table] public class Note { public int Id { get; set; } public int UserId { get; set; } [Column(\"user_id\")] public int Owner { get; set; } }", "Owner", "[Table] public class Note { public int Id { get; set; } public int UserId { get; set; } [Column(\"owner_id\")] public int Owner { get; set; } }" },
        { "SCH0008", "[Table] public class Note { public int Id { get; set; } public int AVeryLongPropertyNameThatKeepsGoingAndGoingUntilItPassesTheLimit { get; set; } }", "AVeryLongPropertyNameThatKeepsGoingAndGoingUntilItPassesTheLimit", "[Table] public class Note { public int Id { get; set; } [Column(\"short_name\")] public int AVeryLongPropertyNameThatKeepsGoingAndGoingUntilItPassesTheLimit { get; set; } }" },
        { "SCH0009", "[Table, SoftDelete] public class Note { public int Id { get; set; } }", "SoftDelete", "[Table, SoftDelete] public class Note { public int Id { get; set; } public DateTimeOffset? DeletedAt { get; set; } }" },
        { "SCH0009", "[Table, SoftDelete] public class Note { public int Id { get; set; } public DateTimeOffset DeletedAt { get; set; } }", "DeletedAt", "[Table, SoftDelete] public class Note { public int Id { get; set; } public DateTimeOffset? DeletedAt { get; set; } }" },
        { "SCH0010", "[Table, Index(\"Titel\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Index(\"Titel\")", "[Table, Index(\"Title\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0010", "[Table, Unique(\"Titel\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Unique(\"Titel\")", "[Table, Unique(\"Title\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0011", "[Table] public class Note { public int Id { get; set; } [Identity] public Guid Serial { get; set; } }", "Identity", "[Table] public class Note { public int Id { get; set; } [Identity] public long Serial { get; set; } }" },
        { "SCH0012", "[Table] public class Note { public int? Id { get; set; } }", "Id", "[Table] public class Note { public int Id { get; set; } }" },
        { "SCH0013", "public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "Mood", "[DbEnum] public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0014", "[DbEnum] public enum Mood { Happy, [DbEnumValue(\"happy\")] Glad } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "Glad", "[DbEnum] public enum Mood { Happy, [DbEnumValue(\"glad\")] Glad } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [Length(10, 2)] public string? Title { get; set; } }", "Length(10, 2)", "[Table] public class Note { public int Id { get; set; } [Length(2, 10)] public string? Title { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [MaxLength(-1)] public string? Title { get; set; } }", "MaxLength(-1)", "[Table] public class Note { public int Id { get; set; } [MaxLength(1)] public string? Title { get; set; } }" },
        { "SCH0015", "[Table(\"\")] public class Note { public int Id { get; set; } }", "Table(\"\")", "[Table(\"notes\")] public class Note { public int Id { get; set; } }" },
        { "SCH0015", "[Table, Index(nameof(Title), Method = \"bogus\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Index(nameof(Title), Method = \"bogus\")", "[Table, Index(nameof(Title), Method = \"gin\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [Identity, Column(Default = \"1\")] public long Serial { get; set; } }", "Column(Default = \"1\")", "[Table] public class Note { public int Id { get; set; } [Identity] public long Serial { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [CreatedAt] public int Stamp { get; set; } }", "Stamp", "[Table] public class Note { public int Id { get; set; } [CreatedAt] public DateTimeOffset Stamp { get; set; } }" },
        { "SCH0016", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Pair))] public int PairId { get; set; } } [Table] public class Pair { [Key(Order = 0)] public int A { get; set; } [Key(Order = 1)] public int B { get; set; } }", "ForeignKey(typeof(Pair))", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Pair))] public int PairId { get; set; } } [Table] public class Pair { public int Id { get; set; } }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_on_the_offending_text(string id, string broken, string squiggled, string fixedSource)
    {
        _ = fixedSource;
        var (compilation, diagnostics) = Run(broken);

        var match = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(match.Count > 0, $"{id} did not fire; got:\n{DiagnosticText.Format(diagnostics, compilation)}");
        Assert.True(match.Any(d => DiagnosticText.Squiggled(d, compilation) == squiggled), $"{id} squiggles the wrong text:\n{DiagnosticText.Format(match, compilation)}");
        Assert.All(match, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity));
        Assert.All(match, d => Assert.EndsWith("docs/diagnostics.md#" + id.ToLowerInvariant(), d.Descriptor.HelpLinkUri, System.StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stays_silent_on_the_fix(string id, string broken, string squiggled, string fixedSource)
    {
        _ = (broken, squiggled);
        var (compilation, diagnostics) = Run(fixedSource);

        Assert.True(diagnostics.Count == 0, $"{id} fix still reports:\n{DiagnosticText.Format(diagnostics, compilation)}");
    }

    [Fact]
    public void Diagnostics_of_a_broken_entity_set_match_the_golden_text()
    {
        const string Source = """
            using Schemata;
            public enum Mood { Happy }
            [Table("notes"), SoftDelete, Index("Missing")]
            public class Note
            {
                public int? Id { get; set; }
                public uint Count { get; set; }
                public Mood Mood { get; set; }
                [MaxLength(0)] public string? Title { get; set; }
            }
            """;
        var (output, result) = GeneratorRunner.Run(GeneratorRunner.Compile(Source));

        Snapshot.Match(DiagnosticText.Format(result.Diagnostics, output), "BrokenEntities#diagnostics", "txt");
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS8785" or "AD0001");
    }

    private static (Microsoft.CodeAnalysis.Compilation Compilation, System.Collections.Generic.List<Microsoft.CodeAnalysis.Diagnostic> Diagnostics) Run(string body)
    {
        var (output, result) = GeneratorRunner.Run(GeneratorRunner.Compile("using Schemata;\n" + body));
        return (output, result.Diagnostics.ToList());
    }
}
