using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>Renames from hints carry what depends on the old name; a rename without a hint is never guessed.</summary>
public sealed class RenameEvolutionTests
{
    private static string Model(string table, string tableHint, string column, string columnHint) => $$"""
        namespace Shop;

        [Table("owners")]
        public sealed class Owner
        {
            public long Id { get; set; }
        }

        [Table("{{table}}"{{tableHint}}), Index(nameof(Kind), Name = "ix_named_kind")]
        public sealed class Event
        {
            public long Id { get; set; }
            [ForeignKey(typeof(Owner))] public long OwnerId { get; set; }
            [Length(1, 50){{columnHint}}] public required string {{column}} { get; set; }
            public int Kind { get; set; }
        }
        """;

    private const string Rows = "INSERT INTO owners (id) VALUES (1); INSERT INTO {0} (owner_id, {1}, kind) VALUES (1, 'x', 1), (1, 'y', 2)";

    [Fact]
    public async Task A_renamed_column_carries_the_names_of_its_constraints_and_indexes_and_a_named_index_is_kept()
    {
        var before = Model("events", string.Empty, "Title", string.Empty).Replace("Index(nameof(Kind), Name = \"ix_named_kind\")", "Index(nameof(Kind), Name = \"ix_named_kind\"), Index(nameof(Title))", StringComparison.Ordinal);
        var after = Model("events", string.Empty, "Heading", ", Column(RenamedFrom = \"title\")").Replace("Index(nameof(Kind), Name = \"ix_named_kind\")", "Index(nameof(Kind), Name = \"ix_named_kind\"), Index(nameof(Heading))", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(before, after, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rows, "events", "title"));

        var plan = await evolution.PlanAsync();

        Assert.Equal(
            [
                "rename column events.title to heading",
                "rename constraint ck_events_title_length on events to ck_events_heading_length",
                "rename index ix_events_title on events to ix_events_heading",
            ],
            plan.Changes.Select(c => c.Description));
        Assert.DoesNotContain(plan.Changes, c => c.IsDestructive);
        await evolution.ApplyAsync();
        Assert.Equal("x,y", await evolution.Db.QueryAsync<string>("SELECT string_agg(heading, ',' ORDER BY heading) FROM events"));
    }

    [Fact]
    public async Task A_renamed_table_keeps_its_rows_and_its_constraints_and_indexes_follow_the_new_name()
    {
        var before = Model("audit_events", string.Empty, "Title", string.Empty);
        var after = Model("audit_log", ", RenamedFrom = \"audit_events\"", "Title", string.Empty);
        await using var evolution = await Evolution.StartAsync(before, after, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rows, "audit_events", "title"));

        var plan = await evolution.PlanAsync();

        Assert.Equal("rename table audit_events to audit_log", plan.Changes[0].Description);
        Assert.Equal("instances of the previous version still use the table audit_events", plan.Changes[0].BreaksPreviousVersion);
        Assert.Contains(plan.Changes, c => c.Description == "rename constraint pk_audit_events on audit_log to pk_audit_log");
        Assert.Contains(plan.Changes, c => c.Description == "rename constraint fk_audit_events_owner_id on audit_log to fk_audit_log_owner_id");
        Assert.DoesNotContain(plan.Changes, c => c.IsDestructive || c.Description.StartsWith("create table", StringComparison.Ordinal));
        await evolution.ApplyAsync();
        Assert.Equal(2L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task Dropping_a_table_and_creating_one_with_the_same_columns_without_a_hint_is_refused()
    {
        var before = Model("audit_events", string.Empty, "Title", string.Empty);
        var after = Model("audit_log", string.Empty, "Title", string.Empty);
        await using var evolution = await Evolution.StartAsync(before, after, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rows, "audit_events", "title"));

        var create = (await evolution.PlanAsync()).Changes.Single(c => c.Description == "create table audit_log");
        Assert.Contains("[Table(\"audit_log\", RenamedFrom = \"audit_events\")]", create.BlockedReason, StringComparison.Ordinal);
        await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, Environment = _ => null });
        Assert.Equal(2L, await evolution.Db.QueryAsync<long>("SELECT count(*) FROM audit_events"));
    }
}
