using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply.Evolution;

/// <summary>Enum values added, removed and reordered, native and stored as text.</summary>
public sealed class EnumEvolutionTests
{
    private static string Tickets(string values, string storage = "", string stateDefault = "State.Open") => $$"""
        namespace Shop;

        [DbEnum{{storage}}] public enum State { {{values}} }

        [Table("tickets"), Index(nameof(Title), Name = "ix_tickets_open_title", Filter = "state <> 'closed'")]
        public sealed class Ticket
        {
            public long Id { get; set; }
            public required string Title { get; set; }
            public State State { get; set; } = {{stateDefault}};
        }
        """;

    [Fact]
    public async Task A_value_is_added_in_its_place_committed_first_and_used_as_a_default_at_once()
    {
        await using var evolution = await Evolution.StartAsync(Tickets("Open, Closed"), Tickets("Open, Waiting, Closed", stateDefault: "State.Waiting"), "INSERT INTO tickets (title) VALUES ('a')");

        var plan = await evolution.PlanAsync();

        var added = plan.Changes.Single(c => c.RunsFirst);
        Assert.Equal("ALTER TYPE \"state\" ADD VALUE IF NOT EXISTS 'waiting' AFTER 'open';", added.Statements.Single().Sql);
        await evolution.ApplyAsync();
        Assert.Equal("open,waiting,closed", await evolution.Db.QueryAsync<string>("SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'state'::regtype"));
    }

    [Fact]
    public async Task Removing_the_value_that_is_the_current_default_and_that_a_partial_index_names_rebuilds_the_type_cleanly()
    {
        // The default was 'closed' and a partial index compares with 'closed': both go through the rebuild.
        var before = Tickets("Open, Closed, Spam", stateDefault: "State.Closed");
        var after = Tickets("Open, Closed", stateDefault: "State.Open").Replace("state <> 'closed'", "state <> 'open'", StringComparison.Ordinal);
        await using var evolution = await Evolution.StartAsync(before.Replace("state <> 'closed'", "state <> 'spam'", StringComparison.Ordinal), after);

        var plan = await evolution.PlanAsync();
        var removal = plan.Changes.Single(c => c.Description == "remove value(s) 'spam' from type state");
        Assert.Equal("the value is gone from the type", removal.DestructiveReason);
        Assert.Null(removal.HazardReason);
        await evolution.AssertRefusedAsync();
        await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, Environment = _ => null });
    }

    [Fact]
    public async Task Removing_a_value_rows_hold_is_refused_with_their_count_and_on_a_table_with_rows_the_rebuild_is_a_hazard()
    {
        await using var evolution = await Evolution.StartAsync(Tickets("Open, Closed, Spam"), Tickets("Open, Closed"), "INSERT INTO tickets (title, state) VALUES ('a', 'spam'), ('b', 'open')");

        var removal = (await evolution.PlanAsync()).Changes.Single(c => c.Description == "remove value(s) 'spam' from type state");
        Assert.StartsWith("1 row still holds a removed value", removal.BlockedReason, StringComparison.Ordinal);
        Assert.Contains("rewrites every table with a column of it", removal.HazardReason, StringComparison.Ordinal);
        await evolution.AssertRefusedAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });

        await evolution.Db.ExecuteAsync("UPDATE tickets SET state = 'closed' WHERE state = 'spam'");
        await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, AllowHazards = true, Environment = _ => null });
        Assert.Equal("b:open,a:closed", await evolution.Db.QueryAsync<string>("SELECT string_agg(title || ':' || state, ',' ORDER BY state) FROM tickets"));
    }

    [Fact]
    public async Task Reordering_values_is_not_ignored_it_rebuilds_the_type_in_the_new_order()
    {
        await using var evolution = await Evolution.StartAsync(Tickets("Open, Closed"), Tickets("Closed, Open"));

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal("reorder the values of type state", change.Description);
        Assert.False(change.IsDestructive);
        await evolution.ApplyAsync();
        Assert.Equal("closed,open", await evolution.Db.QueryAsync<string>("SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'state'::regtype"));
    }

    [Fact]
    public async Task An_enum_stored_as_text_that_loses_a_value_is_destructive_as_a_native_one_is()
    {
        var before = Tickets("Open, Closed, Spam", storage: "(Storage = EnumStorage.Text)");
        var after = Tickets("Open, Closed", storage: "(Storage = EnumStorage.Text)");
        await using var evolution = await Evolution.StartAsync(before, after, "INSERT INTO tickets (title, state) VALUES ('a', 'open')");

        var change = Assert.Single((await evolution.PlanAsync()).Changes);
        Assert.Equal("remove value(s) 'spam' from tickets.state (an enum stored as text)", change.Description);
        Assert.Equal("the value is gone from the enum", change.DestructiveReason);
        await evolution.AssertRefusedAsync();

        await evolution.Db.ExecuteAsync("INSERT INTO tickets (title, state) VALUES ('b', 'spam')");
        Assert.StartsWith("1 row still holds a removed value", Assert.Single((await evolution.PlanAsync()).Changes).BlockedReason, StringComparison.Ordinal);
        await evolution.Db.ExecuteAsync("DELETE FROM tickets WHERE state = 'spam'");
        await evolution.ApplyAsync(new ApplyOptions { AllowDestructive = true, Environment = _ => null });
    }
}
