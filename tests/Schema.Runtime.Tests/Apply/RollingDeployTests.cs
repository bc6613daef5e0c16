using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// A rolling deploy: version N+1 applied its additions, then an instance of version N restarts and runs its startup
/// apply. It starts cleanly, changes nothing that belongs to N+1, logs what it left alone, and N+1 stays applied (no
/// flip-flop in the history).
/// </summary>
public sealed class RollingDeployTests
{
    private const string Base = """
        namespace Shop;

        [DbEnum] public enum Stage { Draft, Live }

        [Table("posts"), Index(nameof(Title))]
        public sealed class Post
        {
            public long Id { get; set; }
            [MaxLength(100)] public required string Title { get; set; }
            public string? Body { get; set; }
            public Stage Stage { get; set; } = Stage.Draft;
            public int Rank { get; set; } = 1;
        }
        """;

    public static TheoryData<string, string> Releases => new()
    {
        { "a new column", Base.Replace("public int Rank { get; set; } = 1;", "public int Rank { get; set; } = 1;\n    public string? Summary { get; set; }", StringComparison.Ordinal) },
        { "a wider type", Base.Replace("[MaxLength(100)]", "[MaxLength(200)]", StringComparison.Ordinal) },
        { "an enum value", Base.Replace("{ Draft, Live }", "{ Draft, Review, Live }", StringComparison.Ordinal) },
        { "a renamed column", Base.Replace("public string? Body { get; set; }", "[Column(RenamedFrom = \"body\")] public string? Content { get; set; }", StringComparison.Ordinal) },
        { "another index", Base.Replace("Index(nameof(Title))", "Index(nameof(Title)), Index(nameof(Rank))", StringComparison.Ordinal) },
        { "a new table", Base + "\n[Table(\"tags\")] public sealed class Tag { public long Id { get; set; } public required string Name { get; set; } }" },
        { "a changed default and nullability", Base.Replace("public int Rank { get; set; } = 1;", "public int Rank { get; set; } = 5;", StringComparison.Ordinal).Replace("public string? Body", "public string Body", StringComparison.Ordinal).Replace("Body { get; set; }", "Body { get; set; } = \"\";", StringComparison.Ordinal) },
        { "a grant", "[assembly: Grant(\"rolling_reader\", Privileges = TablePrivileges.Select)]\n" + Base },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public async Task An_older_instance_restarting_after_a_newer_release_starts_and_changes_nothing(string release, string newer)
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rolling_reader') THEN CREATE ROLE rolling_reader; END IF; END $$");
        var older = ModelCompiler.Cached(Base);
        await older.ApplyAsync(db.Database);
        await db.ExecuteAsync("INSERT INTO posts (title, body) VALUES ('hello', 'world')");
        await ModelCompiler.Cached(newer).ApplyAsync(db.Database);
        var newerCatalog = await CatalogDump.ReadAsync(db.ConnectionString);
        var privileges = await db.QueryAsync<string>("SELECT COALESCE(array_to_string(relacl, ','), '') FROM pg_class WHERE relname = 'posts'");
        var history = await db.QueryAsync<long>("SELECT count(*) FROM schema_history");

        var logs = new CapturingLoggerFactory();
        await using var restarted = SchemaDatabase.Create(db.ConnectionString, new SchemaDatabaseOptions { LoggerFactory = logs });
        var result = await older.ApplyAsync(restarted, ApplyOptions.Startup);

        Assert.False(result.WasUpToDate);
        Assert.Equal(ModelCompiler.Cached(newer).Hash, result.NewerModelHash);
        Assert.True(result.LeftAlone.Count > 0, $"After {release}, the older apply reported nothing it left alone.");
        Assert.Empty(result.Statements);
        Assert.Equal(newerCatalog, await CatalogDump.ReadAsync(db.ConnectionString));
        Assert.Equal(privileges, await db.QueryAsync<string>("SELECT COALESCE(array_to_string(relacl, ','), '') FROM pg_class WHERE relname = 'posts'"));
        Assert.Equal(history, await db.QueryAsync<long>("SELECT count(*) FROM schema_history"));
        Assert.Contains(logs.Lines, line => line.Contains("records a newer model", StringComparison.Ordinal) && line.Contains("left alone", StringComparison.Ordinal));
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM posts"));

        // The newer instances still find their model applied: nothing flip-flops.
        Assert.True((await ModelCompiler.Cached(newer).ApplyAsync(db.Database)).WasUpToDate);
        var plan = await older.CompareAsync(db.Database);
        Assert.NotNull(plan.NewerModelHash);
    }

    [Fact]
    public async Task A_deliberate_rollback_applies_the_older_model_when_asked()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var older = ModelCompiler.Cached(Base);
        var newer = ModelCompiler.Cached(Base.Replace("public int Rank { get; set; } = 1;", "public int Rank { get; set; } = 1;\n    public string? Summary { get; set; }", StringComparison.Ordinal));
        await older.ApplyAsync(db.Database);
        await newer.ApplyAsync(db.Database);

        var result = await older.ApplyAsync(db.Database, new ApplyOptions { ApplyOlderModel = true, AllowDestructive = true, Environment = _ => null });

        Assert.Null(result.NewerModelHash);
        Assert.Equal(["drop column posts.summary"], result.Changes.Select(c => c.Description));
        Assert.True((await older.ApplyAsync(db.Database)).WasUpToDate);
    }

    [Fact]
    public async Task The_plan_marks_what_breaks_instances_of_the_previous_version()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await ModelCompiler.Cached(Base).ApplyAsync(db.Database);
        var contract = ModelCompiler.Cached(Base
            .Replace("public string? Body { get; set; }\n", string.Empty, StringComparison.Ordinal)
            .Replace("public int Rank { get; set; } = 1;", "public int Rank { get; set; } = 1;\n    public required string Slug { get; set; }", StringComparison.Ordinal));

        var plan = await contract.CompareAsync(db.Database);

        Assert.Equal(
            ["add column posts.slug: instances of the previous version insert rows without slug", "drop column posts.body: instances of the previous version read and write body"],
            plan.BreakingPreviousVersion.Select(c => c.Description + ": " + c.BreaksPreviousVersion).Order(StringComparer.Ordinal));
    }
}
