using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Schemata.CodeFixes;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>Each code fix turns the source that reports a diagnostic into the expected source, which no longer reports it.</summary>
public sealed class CodeFixTests
{
    private static readonly CodeFixProvider[] Providers =
    [
        new AddKeyCodeFix(), new AddDeletedAtCodeFix(), new UseDateTimeOffsetCodeFix(), new AddPrecisionCodeFix(),
        new LimitToLiveRowsCodeFix(), new NullabilityCodeFix(),
    ];

    public static TheoryData<string, string, string> Cases() => new()
    {
        {
            "SCH0001",
            """
            using Schemata;

            [Table]
            public class Note
            {
                public string? Body { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table]
            public class Note
            {
                public Guid Id { get; set; }

                public string? Body { get; set; }
            }
            """
        },
        {
            "SCH0009",
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            public class Note
            {
                public int Id { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            public class Note
            {
                public int Id { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """
        },
        {
            "SCH0009",
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            public class Note
            {
                public int Id { get; set; }

                public DateTimeOffset DeletedAt { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            public class Note
            {
                public int Id { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """
        },
        {
            "SCH0019",
            """
            using System;
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                public DateTime? ExpiresAt { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                public DateTimeOffset? ExpiresAt { get; set; }
            }
            """
        },
        {
            "SCH0020",
            """
            using Schemata;

            [Table]
            public class Invoice
            {
                public int Id { get; set; }

                public decimal Total { get; set; }
            }
            """,
            """
            using Schemata;

            [Table]
            public class Invoice
            {
                public int Id { get; set; }

                [Precision(18, 2)]
                public decimal Total { get; set; }
            }
            """
        },
        {
            "SCH0021",
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            [Index(nameof(Email), Unique = true)]
            public class Member
            {
                public int Id { get; set; }

                public string? Email { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            [Index(nameof(Email), Unique = true, LiveRowsOnly = true)]
            public class Member
            {
                public int Id { get; set; }

                public string? Email { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """
        },
        {
            "SCH0021",
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            [Unique(nameof(Email), Name = "uq_members_email")]
            public class Member
            {
                public int Id { get; set; }

                public string? Email { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table, SoftDelete]
            [Index(nameof(Email), Name = "uq_members_email", Unique = true, LiveRowsOnly = true)]
            public class Member
            {
                public int Id { get; set; }

                public string? Email { get; set; }

                public DateTimeOffset? DeletedAt { get; set; }
            }
            """
        },
        {
            "SCH0025",
            """
            using System;
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                [CreatedAt]
                public DateTimeOffset? Created { get; set; }
            }
            """,
            """
            using System;
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                [CreatedAt]
                public DateTimeOffset Created { get; set; }
            }
            """
        },
        {
            "SCH0027",
            """
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                [ForeignKey(typeof(Owner), OnDelete = ReferentialAction.SetNull)]
                public int OwnerId { get; set; }
            }

            [Table]
            public class Owner
            {
                public int Id { get; set; }
            }
            """,
            """
            using Schemata;

            [Table]
            public class Note
            {
                public int Id { get; set; }

                [ForeignKey(typeof(Owner), OnDelete = ReferentialAction.SetNull)]
                public int? OwnerId { get; set; }
            }

            [Table]
            public class Owner
            {
                public int Id { get; set; }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fix_produces_the_expected_source_and_the_diagnostic_goes_away(string id, string before, string after)
    {
        var fixedText = await ApplyFixAsync(id, before);

        Assert.Equal(after.ReplaceLineEndings("\n"), fixedText.ReplaceLineEndings("\n"));
        var (_, result) = GeneratorRunner.Run(GeneratorRunner.Compile(fixedText));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == id);
    }

    [Fact]
    public void Every_provider_supports_fix_all_and_the_documented_ids()
    {
        var ids = Providers.SelectMany(p => p.FixableDiagnosticIds).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["SCH0001", "SCH0009", "SCH0019", "SCH0020", "SCH0021", "SCH0025", "SCH0027"], ids);
        Assert.All(Providers, p => Assert.NotNull(p.GetFixAllProvider()));
    }

    [Fact]
    public async Task A_fix_asked_for_a_span_outside_the_document_offers_nothing()
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, "using Schemata;\n[Table] public class Note { }\n");
        var diagnostic = Diagnostic.Create(
            new DiagnosticDescriptor("SCH0001", "t", "m", "Schema", DiagnosticSeverity.Error, true),
            Location.Create("Entities.cs", new TextSpan(500, 4), new LinePositionSpan(default, default)));
        var actions = new List<CodeAction>();

        foreach (var provider in Providers)
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        }

        Assert.Empty(actions);
    }

    private static async Task<string> ApplyFixAsync(string id, string source)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source);
        var compilation = (CSharpCompilation)(await document.Project.GetCompilationAsync())!;
        var (_, result) = GeneratorRunner.Run(compilation);
        var diagnostic = result.Diagnostics.First(d => d.Id == id);

        var actions = new List<CodeAction>();
        foreach (var provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        }

        var action = Assert.Single(actions);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "TestAssembly",
            "TestAssembly",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorRunner.ParseOptions,
            metadataReferences: GeneratorRunner.MetadataReferences));
        return workspace.AddDocument(DocumentInfo.Create(
            DocumentId.CreateNewId(project.Id),
            "Entities.cs",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Default)),
            filePath: "Entities.cs"));
    }
}
