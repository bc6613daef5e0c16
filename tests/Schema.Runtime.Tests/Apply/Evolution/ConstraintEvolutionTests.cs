using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>Foreign keys, checks, unique constraints and indexes added to tables holding rows.</summary>
public sealed class ConstraintEvolutionTests
{
    private const string Rows = """
        INSERT INTO owners (id) SELECT g FROM generate_series(1, 10) g;
        INSERT INTO items (code, owner_id, priority) SELECT 'c' || g, g % 10 + 1, g % 5 FROM generate_series(1, 100) g;
        """;

    private static string Model(string itemAttributes = "", string ownerId = "public long OwnerId { get; set; }", string priority = "public int Priority { get; set; }", string code = "[MaxLength(20)] public required string Code { get; set; }") => $$"""
        namespace Shop;

        [Table("owners")]
        public sealed class Owner
        {
            public long Id { get; set; }
        }

        [Table("items")]
        {{itemAttributes}}
        public sealed class Item
        {
            public long Id { get; set; }
            {{code}}
            {{ownerId}}
            {{priority}}
        }
        """;

    [Fact]
    public async Task A_foreign_key_is_added_not_valid_then_validated_while_writers_go_on()
    {
        await using var evolution = await Evolution.StartAsync(Model(), Model(ownerId: "[ForeignKey(typeof(Owner))] public long OwnerId { get; set; }"), Rows);

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal(
            [
                (ApplyPhase.Change, TableLock.ShareRowExclusive, "ALTER TABLE \"items\" ADD CONSTRAINT \"fk_items_owner_id\" FOREIGN KEY (\"owner_id\") REFERENCES \"owners\" (\"id\") NOT VALID;"),
                (ApplyPhase.Validate, TableLock.ShareUpdateExclusive, "ALTER TABLE \"items\" VALIDATE CONSTRAINT \"fk_items_owner_id\";"),
            ],
            change.Statements.Select(s => (s.Phase, s.Lock, s.Sql)));
        Assert.True(change.IsOnline);
        await evolution.ApplyAsync();
        Assert.True(await evolution.Db.QueryAsync<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_items_owner_id'"));
    }

    [Fact]
    public async Task A_foreign_key_over_orphans_a_check_over_breaking_rows_and_a_unique_constraint_over_duplicates_are_refused_with_counts()
    {
        var after = Model(
            itemAttributes: "[Unique(nameof(Code))]",
            ownerId: "[ForeignKey(typeof(Owner))] public long OwnerId { get; set; }",
            priority: "[Check(\"priority < 4\")] public int Priority { get; set; }");
        await using var evolution = await Evolution.StartAsync(Model(), after, Rows + "INSERT INTO items (code, owner_id, priority) VALUES ('c1', 99, 0), ('c2', 98, 0);");

        var plan = await evolution.PlanAsync();

        Assert.Equal(3, plan.Blocked.Count);
        Assert.StartsWith("2 rows reference no row of owners", plan.Blocked.Single(c => c.Description.Contains("fk_items", StringComparison.Ordinal)).BlockedReason, StringComparison.Ordinal);
        Assert.StartsWith("20 rows break the check ck_items_priority", plan.Blocked.Single(c => c.Description.Contains("ck_items", StringComparison.Ordinal)).BlockedReason, StringComparison.Ordinal);
        Assert.StartsWith("4 rows share their values of (code) with another row", plan.Blocked.Single(c => c.Description.Contains("uq_items", StringComparison.Ordinal)).BlockedReason, StringComparison.Ordinal);
        await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
    }

    [Fact]
    public async Task A_check_is_validated_later_and_a_unique_constraint_is_built_over_a_concurrent_index()
    {
        var after = Model(itemAttributes: "[Unique(nameof(Code))]", priority: "[Check(\"priority < 5\")] public int Priority { get; set; }");
        await using var evolution = await Evolution.StartAsync(Model(), after, Rows);

        var plan = await evolution.PlanAsync();

        var check = plan.Changes.Single(c => c.Description == "add constraint ck_items_priority on items");
        Assert.Equal([ApplyPhase.Change, ApplyPhase.Validate], check.Statements.Select(s => s.Phase));
        Assert.EndsWith("NOT VALID;", check.Statements[0].Sql, StringComparison.Ordinal);
        var unique = plan.Changes.Single(c => c.Description == "add constraint uq_items_code on items");
        Assert.Equal(
            [
                (ApplyPhase.BuildIndexes, "CREATE UNIQUE INDEX CONCURRENTLY \"uq_items_code\" ON \"items\" (\"code\");"),
                (ApplyPhase.Complete, "ALTER TABLE \"items\" ADD CONSTRAINT \"uq_items_code\" UNIQUE USING INDEX \"uq_items_code\";"),
            ],
            unique.Statements.Select(s => (s.Phase, s.Sql)));
        await evolution.ApplyAsync();
    }

    [Fact]
    public async Task An_index_is_built_concurrently_and_one_whose_definition_changed_is_built_beside_the_old_and_swapped_in()
    {
        var before = Model(itemAttributes: "[Index(nameof(Priority))]");
        var after = Model(itemAttributes: "[Index(nameof(OwnerId)), Index(nameof(Priority), Name = \"ix_items_priority\", Filter = \"priority > 0\")]");
        await using var evolution = await Evolution.StartAsync(before, after, Rows);

        var plan = await evolution.PlanAsync();

        Assert.Equal(
            [(ApplyPhase.BuildIndexes, TableLock.ShareUpdateExclusive, "CREATE INDEX CONCURRENTLY \"ix_items_owner_id\" ON \"items\" (\"owner_id\");")],
            plan.Changes.Single(c => c.Description == "create index ix_items_owner_id on items").Statements.Select(s => (s.Phase, s.Lock, s.Sql)));
        Assert.Equal(
            [
                (ApplyPhase.BuildIndexes, "CREATE INDEX CONCURRENTLY \"ix_items_priority_new\" ON \"items\" (\"priority\") WHERE priority > 0;"),
                (ApplyPhase.Complete, "DROP INDEX \"ix_items_priority\";"),
                (ApplyPhase.Complete, "ALTER INDEX \"ix_items_priority_new\" RENAME TO \"ix_items_priority\";"),
            ],
            plan.Changes.Single(c => c.Description == "replace index ix_items_priority on items").Statements.Select(s => (s.Phase, s.Sql)));
        await evolution.ApplyAsync();
    }

    [Fact]
    public async Task A_failed_concurrent_build_is_dropped_the_other_indexes_of_the_apply_are_built_and_the_next_apply_builds_it()
    {
        // The filter names a column this very apply adds, so the duplicates under it cannot be counted beforehand:
        // the build itself finds them.
        var after = Model(
            itemAttributes: "[Index(nameof(Code), Unique = true, Filter = \"NOT archived\"), Index(nameof(OwnerId))]",
            priority: "public int Priority { get; set; }\n    public bool Archived { get; set; }");
        await using var evolution = await Evolution.StartAsync(Model(), after, Rows + "INSERT INTO items (code, owner_id, priority) VALUES ('c1', 1, 0);");

        var failed = await Assert.ThrowsAsync<SchemaApplyException>(async () => await evolution.After.ApplyAsync(evolution.Db.Database));

        Assert.Contains("1 change(s) of the long phases failed; the others are applied", failed.Message, StringComparison.Ordinal);
        Assert.Contains("could not create unique index \"uq_items_code\"", failed.Message, StringComparison.Ordinal);
        Assert.True(await evolution.Db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_owner_id'::regclass"));
        Assert.Equal(0L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'uq_items_code'"));
        Assert.Equal("changed", await evolution.Db.QueryAsync<string>("SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1"));
        var status = await evolution.After.StatusAsync(evolution.Db.Database);
        Assert.True(status.IsPending);
        Assert.Equal(["create index uq_items_code on items"], status.Plan.Changes.Select(c => c.Description));

        await evolution.Db.ExecuteAsync("DELETE FROM items WHERE owner_id = 1 AND code = 'c1' AND id > 100");
        await evolution.ApplyAsync();
        Assert.True(await evolution.Db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'uq_items_code'::regclass"));
    }

    [Fact]
    public async Task An_invalid_index_left_by_an_interrupted_build_is_dropped_and_built_again()
    {
        await using var evolution = await Evolution.StartAsync(Model(), Model(itemAttributes: "[Index(nameof(OwnerId))]"), Rows);
        await evolution.ApplyAsync();

        // What a build killed halfway leaves: an index marked invalid.
        await evolution.Db.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_items_owner_id'::regclass");
        var change = Assert.Single((await evolution.After.CompareAsync(evolution.Db.Database)).Changes);
        Assert.Equal("rebuild index ix_items_owner_id on items (left invalid by a build that did not finish)", change.Description);
        Assert.Equal(
            ["DROP INDEX CONCURRENTLY IF EXISTS \"ix_items_owner_id\";", "CREATE INDEX CONCURRENTLY \"ix_items_owner_id\" ON \"items\" (\"owner_id\");"],
            change.Statements.Select(s => s.Sql));
        await evolution.After.ApplyAsync(evolution.Db.Database, new ApplyOptions { RepairDrift = true });
        await evolution.AssertConvergedAsync();
    }
}
