using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
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
        { "SCH0015", "[Table, Index(null)] public class Note { public int Id { get; set; } }", "Index(null)", "[Table, Index(nameof(Id))] public class Note { public int Id { get; set; } }" },
        { "SCH0016", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Pair))] public int PairId { get; set; } } [Table] public class Pair { [Key(Order = 0)] public int A { get; set; } [Key(Order = 1)] public int B { get; set; } }", "ForeignKey(typeof(Pair))", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Pair))] public int PairId { get; set; } } [Table] public class Pair { public int Id { get; set; } }" },
        { "SCH0006", "[Table(\"notes\")] public class Note { public int Id { get; set; } } [Table(\"notes\", Schema = \"public\")] public class Other { public int Id { get; set; } }", "Other", "[Table(\"notes\")] public class Note { public int Id { get; set; } } [Table(\"notes\", Schema = \"archive\")] public class Other { public int Id { get; set; } }" },
        { "SCH0008", "[DbEnum] public enum Mood { [DbEnumValue(\"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\")] Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "DbEnumValue(\"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\")", "[DbEnum] public enum Mood { [DbEnumValue(\"happy\")] Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0008", "[Table(Schema = \"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\")] public class Note { public int Id { get; set; } }", "Schema = \"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\"", "[Table(Schema = \"notes\")] public class Note { public int Id { get; set; } }" },
        { "SCH0008", "[DbEnum(Schema = \"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\")] public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "Schema = \"a_label_that_is_far_too_long_for_postgresql_because_it_goes_on_and_on_x\"", "[DbEnum(Schema = \"moods\")] public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0009", "[Table, SoftDelete] public class Note { public int Id { get; set; } public int? DeletedAt { get; set; } }", "DeletedAt", "[Table, SoftDelete] public class Note { public int Id { get; set; } public DateTimeOffset? DeletedAt { get; set; } }" },
        { "SCH0012", "#nullable disable\n[Table] public class Note { [Key] public string Code { get; set; } }", "Code", "#nullable enable\n[Table] public class Note { [Key] public string Code { get; set; } = \"\"; }" },
        { "SCH0015", "[DbEnum(Schema = \"\")] public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "Schema = \"\"", "[DbEnum] public enum Mood { Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0015", "[DbEnum] public enum Mood { [DbEnumValue(\" \")] Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }", "DbEnumValue(\" \")", "[DbEnum] public enum Mood { [DbEnumValue(\"happy\")] Happy } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } }" },
        { "SCH0015", "[Table, Index(nameof(Title), Name = \"\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Name = \"\"", "[Table, Index(nameof(Title), Name = \"ix_title\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [Unique(Name = \" \")] public string? Title { get; set; } }", "Name = \" \"", "[Table] public class Note { public int Id { get; set; } [Unique] public string? Title { get; set; } }" },
        { "SCH0015", "[Table, Check(\"id > 0\", Name = \"\")] public class Note { public int Id { get; set; } }", "Name = \"\"", "[Table, Check(\"id > 0\", Name = \"ck_positive\")] public class Note { public int Id { get; set; } }" },
        { "SCH0015", "[Table] public class Note { public int Id { get; set; } [Check(\"\")] public int Size { get; set; } }", "Check(\"\")", "[Table] public class Note { public int Id { get; set; } [Check(\"size > 0\")] public int Size { get; set; } }" },
        { "SCH0018", "[Table] public class Order { public int Id { get; set; } [ForeignKey(typeof(Customer))] public int CustomerId { get; set; } } [Table] public class Customer { public int Id { get; set; } [ForeignKey(typeof(Order))] public int? LastOrderId { get; set; } }", "ForeignKey(typeof(Order))", "[Table] public class Order { public int Id { get; set; } [ForeignKey(typeof(Customer))] public int CustomerId { get; set; } [ForeignKey(typeof(Order))] public int? PreviousId { get; set; } } [Table] public class Customer { public int Id { get; set; } public int? LastOrderId { get; set; } }" },
        { "SCH0019", "[Table] public class Note { public int Id { get; set; } public DateTime At { get; set; } }", "DateTime", "[Table] public class Note { public int Id { get; set; } public DateTimeOffset At { get; set; } }" },
        { "SCH0019", "[Table] public class Note { public int Id { get; set; } public DateTime? ExpiresAt { get; set; } }", "DateTime?", "[Table] public class Note { public int Id { get; set; } public DateTime? ExpiresAtUtc { get; set; } }" },
        { "SCH0020", "[Table] public class Note { public int Id { get; set; } public decimal Price { get; set; } }", "Price", "[Table] public class Note { public int Id { get; set; } [Precision(10, 2)] public decimal Price { get; set; } }" },
        { "SCH0021", "[Table, SoftDelete, Index(nameof(Email), Unique = true)] public class Member { public int Id { get; set; } public string? Email { get; set; } public DateTimeOffset? DeletedAt { get; set; } }", "Index(nameof(Email), Unique = true)", "[Table, SoftDelete, Index(nameof(Email), Unique = true, LiveRowsOnly = true)] public class Member { public int Id { get; set; } public string? Email { get; set; } public DateTimeOffset? DeletedAt { get; set; } }" },
        { "SCH0021", "[Table, SoftDelete] public class Member { public int Id { get; set; } [Unique] public string? Email { get; set; } public DateTimeOffset? DeletedAt { get; set; } }", "Unique", "[Table] public class Member { public int Id { get; set; } [Unique] public string? Email { get; set; } }" },
        { "SCH0022", "[Table] public class Note { public int Id { get; set; } [Column(RenamedFrom = \"title\")] public string? Title { get; set; } }", "RenamedFrom = \"title\"", "[Table] public class Note { public int Id { get; set; } [Column(RenamedFrom = \"heading\")] public string? Title { get; set; } }" },
        { "SCH0022", "[Table] public class Note { public int Id { get; set; } public string? Body { get; set; } [Column(RenamedFrom = \"body\")] public string? Text { get; set; } }", "RenamedFrom = \"body\"", "[Table] public class Note { public int Id { get; set; } [Column(RenamedFrom = \"body\")] public string? Text { get; set; } }" },
        { "SCH0022", "[Table(\"notes\", RenamedFrom = \"notes\")] public class Note { public int Id { get; set; } }", "RenamedFrom = \"notes\"", "[Table(\"notes\", RenamedFrom = \"memos\")] public class Note { public int Id { get; set; } }" },
        { "SCH0022", "[Table(\"notes\", RenamedFrom = \"memos\")] public class Note { public int Id { get; set; } } [Table(\"memos\")] public class Memo { public int Id { get; set; } }", "Note", "[Table(\"notes\", RenamedFrom = \"memos\")] public class Note { public int Id { get; set; } } [Table(\"old_memos\")] public class Memo { public int Id { get; set; } }" },
        { "SCH0023", "[Table] public class Note { public int Id { get; set; } [Check(\"size > 0\"), Check(\"size < 10\")] public int Size { get; set; } }", "Check(\"size < 10\")", "[Table] public class Note { public int Id { get; set; } [Check(\"size > 0 AND size < 10\")] public int Size { get; set; } }" },
        { "SCH0023", "[Table, Unique(nameof(Email)), Index(nameof(Email), Unique = true)] public class Member { public int Id { get; set; } public string? Email { get; set; } }", "Index(nameof(Email), Unique = true)", "[Table, Unique(nameof(Email)), Index(nameof(Email))] public class Member { public int Id { get; set; } public string? Email { get; set; } }" },
        { "SCH0023", "[Table, Check(\"id > 0\"), Check(\"id > 0\")] public class Note { public int Id { get; set; } }", "Check(\"id > 0\")", "[Table, Check(\"id > 0\"), Check(\"id < 100\")] public class Note { public int Id { get; set; } }" },
        { "SCH0023", "[Table, Index(nameof(Id), Name = \"ix_id\")] public class Alpha { public int Id { get; set; } } [Table, Index(nameof(Id), Name = \"ix_id\")] public class Beta { public int Id { get; set; } }", "Index(nameof(Id), Name = \"ix_id\")", "[Table, Index(nameof(Id), Name = \"ix_alpha_id\")] public class Alpha { public int Id { get; set; } } [Table, Index(nameof(Id), Name = \"ix_beta_id\")] public class Beta { public int Id { get; set; } }" },
        { "SCH0024", "[Table] public class Note { public int Id { get; set; } [CreatedAt] public int Stamp { get; set; } }", "CreatedAt", "[Table] public class Note { public int Id { get; set; } [CreatedAt] public DateTimeOffset Stamp { get; set; } }" },
        { "SCH0025", "[Table] public class Note { public int Id { get; set; } [UpdatedAt] public DateTimeOffset? Stamp { get; set; } }", "DateTimeOffset?", "[Table] public class Note { public int Id { get; set; } [UpdatedAt] public DateTimeOffset Stamp { get; set; } }" },
        { "SCH0026", "[Table] public class Note { public int Id { get; set; } [Jsonb] public int Count { get; set; } }", "Jsonb", "[Table] public class Note { public int Id { get; set; } [Jsonb] public string? Count { get; set; } }" },
        { "SCH0027", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Owner), OnDelete = ReferentialAction.SetNull)] public int OwnerId { get; set; } } [Table] public class Owner { public int Id { get; set; } }", "OnDelete = ReferentialAction.SetNull", "[Table] public class Note { public int Id { get; set; } [ForeignKey(typeof(Owner), OnDelete = ReferentialAction.SetNull)] public int? OwnerId { get; set; } } [Table] public class Owner { public int Id { get; set; } }" },
        { "SCH0028", "[DbEnum(\"mood\")] public enum Mood { Happy } [DbEnum(\"mood\")] public enum Feeling { Sad } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } public Feeling Feeling { get; set; } }", "Mood", "[DbEnum(\"mood\")] public enum Mood { Happy } [DbEnum(\"feeling\")] public enum Feeling { Sad } [Table] public class Note { public int Id { get; set; } public Mood Mood { get; set; } public Feeling Feeling { get; set; } }" },
        { "SCH0029", "[Table, Backfill(\"2026-01 titles\", \"Heading\", \"'untitled'\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Backfill(\"2026-01 titles\", \"Heading\", \"'untitled'\")", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \"'untitled'\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0029", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \"'a'\"), Backfill(\"2026-01 titles\", nameof(Body), \"'b'\")] public class Note { public int Id { get; set; } public string? Title { get; set; } public string? Body { get; set; } }", "Backfill(\"2026-01 titles\", nameof(Body), \"'b'\")", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \"'a'\"), Backfill(\"2026-01 bodies\", nameof(Body), \"'b'\")] public class Note { public int Id { get; set; } public string? Title { get; set; } public string? Body { get; set; } }" },
        { "SCH0029", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \" \")] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Backfill(\"2026-01 titles\", nameof(Title), \" \")", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \"'untitled'\")] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0029", "[Table, Backfill(\"\", nameof(Title), \"'untitled'\", BatchSize = 0)] public class Note { public int Id { get; set; } public string? Title { get; set; } }", "Backfill(\"\", nameof(Title), \"'untitled'\", BatchSize = 0)", "[Table, Backfill(\"2026-01 titles\", nameof(Title), \"'untitled'\", BatchSize = 500)] public class Note { public int Id { get; set; } public string? Title { get; set; } }" },
        { "SCH0029", "public static class Steps { [DataStep(\"2026-01 step\")] public static int Run() => 0; }", "Run", "public static class Steps { [DataStep(\"2026-01 step\")] public static System.Threading.Tasks.ValueTask<int> Run(SchemaSession session, int batchSize, System.Threading.CancellationToken cancellationToken) => new(0); }" },
        { "SCH0029", "public static class Steps { [DataStep(\"2026-01 step\")] private static System.Threading.Tasks.ValueTask<int> Run(SchemaSession session, int batchSize, System.Threading.CancellationToken cancellationToken) => new(0); }", "Run", "public static class Steps { [DataStep(\"2026-01 step\")] internal static System.Threading.Tasks.ValueTask<int> Run(SchemaSession session, int batchSize, System.Threading.CancellationToken cancellationToken) => new(0); }" },
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
        Assert.All(match, d => Assert.Equal(DiagnosticDescriptors.Find(id)!.DefaultSeverity, d.Severity));
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

    [Fact]
    public void The_entity_set_full_of_mistakes_reports_every_diagnostic_at_once()
    {
        var source = File.ReadAllText(Path.Combine(ThisDirectory(), "Mistakes", "Shop.cs"));
        var (output, result) = GeneratorRunner.Run(GeneratorRunner.Compile([("Mistakes/Shop.cs", source)]));
        var (_, withoutRuntime) = GeneratorRunner.Run(GeneratorRunner.Compile([("Mistakes/Shop.cs", source)], withRuntime: false));
        var diagnostics = result.Diagnostics.Concat(withoutRuntime.Diagnostics.Where(d => d.Id == "SCH0017")).ToList();

        Snapshot.Match(DiagnosticText.Format(diagnostics, output), "Mistakes#diagnostics", "txt");
        var missing = DiagnosticDescriptors.All.Select(d => d.Id).Except(diagnostics.Select(d => d.Id)).ToList();
        Assert.True(missing.Count == 0, "not reported: " + string.Join(", ", missing));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS8785" or "AD0001");
    }

    [Fact]
    public void Missing_runtime_fires_without_the_runtime_reference_and_not_with_it()
    {
        const string Source = "using Schemata;\n[Table] public class Note { public int Id { get; set; } }";
        var (_, without) = GeneratorRunner.Run(GeneratorRunner.Compile(Source, withRuntime: false));
        var (_, with) = GeneratorRunner.Run(GeneratorRunner.Compile(Source));

        var diagnostic = Assert.Single(without.Diagnostics);
        Assert.Equal("SCH0017", diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Empty(with.Diagnostics);
    }

    [Theory]
    [InlineData("[Table] public struct Note { public int Id { get; set; } }")]
    [InlineData("[Table] public record struct Note(int Id);")]
    public void Table_on_a_struct_is_already_a_compiler_error(string source)
    {
        var (output, result) = GeneratorRunner.Run(GeneratorRunner.Compile("using Schemata;\n" + source));

        Assert.Contains(output.GetDiagnostics(), d => d.Id == "CS0592");
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("[Table, SoftDelete] public class Note { public int Id { get; set; } }", "add a 'DateTimeOffset? DeletedAt' property")]
    [InlineData("[Table, SoftDelete] public class Note { public int Id { get; set; } public DateTimeOffset DeletedAt { get; set; } }", "'DeletedAt' is not nullable")]
    [InlineData("[Table, SoftDelete] public class Note { public int Id { get; set; } public int? DeletedAt { get; set; } }", "'DeletedAt' is stored as integer, not a timestamp")]
    [InlineData("[Table] public class Note { public int? Id { get; set; } }", "remove the '?'")]
    [InlineData("#nullable disable\n[Table] public class Note { [Key] public string Code { get; set; } }", "nullable reference types are disabled here")]
    [InlineData("[Table] public class Note { public int Id { get; set; } [Column(RenamedFrom = \"title\")] public string? Title { get; set; } }", "it is the column's current name")]
    [InlineData("[Table] public class Note { public int Id { get; set; } [Column(RenamedFrom = \"old\")] public string? A { get; set; } [Column(RenamedFrom = \"old\")] public string? B { get; set; } }", "'A' already renames from it")]
    [InlineData("[Table, Check(\"id > 0\"), Check(\"id > 0\")] public class Note { public int Id { get; set; } }", "of table 'notes'")]
    [InlineData("[Table, Index(nameof(Id), Name = \"ix\")] public class A { public int Id { get; set; } } [Table, Index(nameof(Id), Name = \"ix\")] public class B { public int Id { get; set; } }", "in schema 'public'")]
    [InlineData("[Table] public class A { public int Id { get; set; } [ForeignKey(typeof(B))] public int BId { get; set; } } [Table] public class B { public int Id { get; set; } [ForeignKey(typeof(C))] public int CId { get; set; } } [Table] public class C { public int Id { get; set; } [ForeignKey(typeof(A))] public int AId { get; set; } }", "tables 'as' → 'bs' → 'cs' → 'as'")]
    public void The_message_names_the_actual_problem(string source, string expected)
    {
        var (compilation, diagnostics) = Run(source);

        Assert.Contains(diagnostics, d => d.GetMessage(CultureInfo.InvariantCulture).Contains(expected, StringComparison.Ordinal));
        _ = compilation;
    }

    [Fact]
    public void Every_id_is_tracked_documented_and_tested_both_ways()
    {
        var root = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", ".."));
        var releases = File.ReadAllText(Path.Combine(root, "src", "Schema.Generator", "AnalyzerReleases.Unshipped.md"));
        var docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        var tested = Cases().Select(row => (string)row[0]).Append("SCH0017").ToHashSet(StringComparer.Ordinal);
        var ids = DiagnosticDescriptors.All.ToList();

        Assert.True(ids.Count >= 20, "the catalog has " + ids.Count + " ids");
        foreach (var descriptor in ids)
        {
            Assert.Contains($"{descriptor.Id} | Schema | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);
            Assert.Contains($"| [{descriptor.Id}](#{descriptor.Id.ToLowerInvariant()}) | {descriptor.DefaultSeverity} | {descriptor.Title} |", docs, StringComparison.Ordinal);
            var section = Section(docs, descriptor.Id);
            Assert.True(section.Contains("\nBad", StringComparison.Ordinal) && section.Contains("\nFixed", StringComparison.Ordinal) && section.Contains("```", StringComparison.Ordinal), descriptor.Id + " has no bad and fixed example in docs/diagnostics.md");
            Assert.Contains(descriptor.Id, tested);
            Assert.Equal("Schema", descriptor.Category);
        }
    }

    private static string Section(string docs, string id)
    {
        var start = docs.IndexOf("\n## " + id + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, id + " has no section in docs/diagnostics.md");
        var end = docs.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? docs[start..] : docs[start..end];
    }

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static (Microsoft.CodeAnalysis.Compilation Compilation, System.Collections.Generic.List<Microsoft.CodeAnalysis.Diagnostic> Diagnostics) Run(string body)
    {
        var (output, result) = GeneratorRunner.Run(GeneratorRunner.Compile("using Schemata;\n" + body));
        return (output, result.Diagnostics.ToList());
    }
}
