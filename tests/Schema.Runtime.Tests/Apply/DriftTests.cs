using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>Objects changed by hand after an apply of the same model.</summary>
public sealed class DriftTests
{
    private static readonly Lazy<SchemaModel> Model = new(() => ModelCompiler.Compile(Versions.V2));

    [Fact]
    public async Task Definitions_with_quotes_backslashes_and_line_breaks_are_recorded_exactly_and_read_back_as_no_change()
    {
        var model = ModelCompiler.Compile("""
            namespace Odd;

            [Table("notes")]
            [Check("note <> 'a\\b \"c\" {d,e}'\n  AND note <> ''", Name = "ck_notes_odd")]
            public sealed class NoteItem : Entity
            {
                [Column(Default = "'say \"hi\"\\'")] public string Note { get; set; } = "";
            }
            """);
        await using var db = await MigrationDatabase.CreateAsync();
        await model.ApplyAsync(db.Database);

        // The manifest is written as an array literal: every element must come back as it was, or the next plan sees a change.
        var check = model.Tables.Single().Constraints.Single(c => c.Name == "ck_notes_odd").Definition;
        Assert.Contains("\n", check, StringComparison.Ordinal);
        var manifest = await db.QueryAsync<string[]>("SELECT manifest FROM schema_history ORDER BY id DESC LIMIT 1");
        Assert.Contains(manifest, line => line.Contains(check, StringComparison.Ordinal));
        Assert.Contains(manifest, line => line.Contains("'say \"hi\"\\'", StringComparison.Ordinal));
        var status = await model.StatusAsync(db.Database);
        Assert.True(status.IsUpToDate);
        Assert.Empty(status.Plan.Drift);
    }

    [Fact]
    public async Task Keys_are_read_in_key_order_so_a_key_rebuilt_in_another_order_is_drift()
    {
        // Key and index columns in an order other than the table's: the catalog read must keep the key's own order.
        var model = ModelCompiler.Compile("""
            namespace Ordered;

            [Table("pairs"), Index(nameof(Right), nameof(Left)), Index(nameof(Label), nameof(Left), Name = "ix_pairs_label", Filter = "label <> ''")]
            public sealed class Pair
            {
                [Key(Order = 1)] public long Left { get; set; }
                [Key(Order = 0)] public long Right { get; set; }
                public string Label { get; set; } = "";
            }
            """);
        await using var db = await MigrationDatabase.CreateAsync();
        await model.ApplyAsync(db.Database);
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);

        await db.ExecuteAsync("""
            ALTER TABLE pairs DROP CONSTRAINT pk_pairs, ADD CONSTRAINT pk_pairs PRIMARY KEY ("left", "right");
            DROP INDEX ix_pairs_right_left;
            CREATE INDEX ix_pairs_right_left ON pairs ("left", "right");
            """);

        var drift = (await model.StatusAsync(db.Database)).Plan.Drift.Select(c => c.Description).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, drift.Count);
        Assert.Contains(drift, d => d.Contains("index ix_pairs_right_left", StringComparison.Ordinal));
        Assert.Contains(drift, d => d.Contains("constraint pk_pairs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hand_made_changes_are_reported_by_status_and_plan_and_repaired_on_request()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        await Model.Value.ApplyAsync(db.Database);
        await db.ExecuteAsync("""
            DROP INDEX ix_tasks_status;
            ALTER TABLE tasks ALTER COLUMN rank SET DEFAULT 7;
            ALTER TABLE tasks ADD COLUMN scratch text;
            ALTER TABLE labels ALTER COLUMN name TYPE text;
            """);

        var status = await Model.Value.StatusAsync(db.Database);
        var plan = await Model.Value.CompareAsync(db.Database);

        Assert.False(status.IsUpToDate);
        Assert.True(status.Plan.IsRecorded);
        var drift = plan.Drift.Select(c => c.Description).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "change type of labels.name from text to varchar(50)",
                "create index ix_tasks_status on tasks",
                "drop column tasks.scratch",
                "set default of tasks.rank to 3",
            ],
            drift);
        Assert.Empty(await Model.Value.PlanAsync(db.Database));

        // The fast path leaves drift alone; repairing it is explicit, and still refuses what is destructive.
        Assert.True((await Model.Value.ApplyAsync(db.Database)).WasUpToDate);
        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () =>
            await Model.Value.ApplyAsync(db.Database, new ApplyOptions { RepairDrift = true }));
        Assert.Equal(2, refused.Changes.Count);
        await Model.Value.ApplyAsync(db.Database, new ApplyOptions { RepairDrift = true, AllowDestructive = true, Environment = _ => null });
        Assert.True((await Model.Value.StatusAsync(db.Database)).IsUpToDate);
    }
}
