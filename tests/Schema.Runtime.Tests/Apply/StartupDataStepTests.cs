using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// The generated startup apply (<c>Schema.Apply()</c>, <c>Schema.ApplyAsync(connectionString)</c>) and the <c>schema</c>
/// commands connect without loading the database's types; a data step in code still reads and writes the model's enums
/// through its session.
/// </summary>
public sealed class StartupDataStepTests
{
    private const string Model = """
        namespace Shop;
        using System.Collections.Generic;

        [DbEnum] public enum Tag { Red, Green }

        [Table("items")]
        public sealed class Item
        {
            public long Id { get; set; }
            public Tag Kind { get; set; }
            public List<Tag> Tags { get; set; } = new();
        }

        public static class Steps
        {
            [DataStep("2026-12-02 first item")]
            public static async System.Threading.Tasks.ValueTask<int> FirstItemAsync(SchemaSession session, int batchSize, System.Threading.CancellationToken cancellationToken)
            {
                if (await session.Items().GetAsync(1, cancellationToken) is { } first)
                {
                    // The second call reads the row back, enum and enum array included, and is done.
                    return first.Kind == Tag.Green && first.Tags.Count == 2 && first.Tags[0] == Tag.Red ? 0 : throw new System.InvalidOperationException("read back wrong");
                }

                await session.Items().InsertManyAsync([new Item { Kind = Tag.Green, Tags = [Tag.Red, Tag.Green] }], cancellationToken);
                return 1;
            }
        }
        """;

    [Fact]
    public async Task A_data_step_in_code_reads_and_writes_native_enums_during_the_startup_apply()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Compile(Model);

        var result = await model.ApplyAsync(db.ConnectionString);
        await result.Completion;

        Assert.Equal("green {red,green}", await db.QueryAsync<string>("SELECT kind::text || ' ' || tags::text FROM items"));
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);
    }

    [Fact]
    public async Task A_data_step_in_code_reads_and_writes_native_enums_during_the_apply_command()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Compile(Model);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = db.ConnectionString };

        var code = await SchemaCommands.RunAsync(["schema", "apply"], model, output, error, environment.GetValueOrDefault, default);

        Assert.True(code == 0, error.ToString());
        Assert.Equal("green {red,green}", await db.QueryAsync<string>("SELECT kind::text || ' ' || tags::text FROM items"));
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);
    }
}
