using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Schemata.Tests.Data;
using Schemata.TestModel;
using Xunit;

namespace Schemata.Tests.Hardening;

/// <summary>
/// Tables named <c>user</c> and <c>order</c> and columns named <c>CamelCase</c>, <c>Weird "Name"</c>, <c>with space</c>,
/// <c>User Id</c>, <c>select</c> and <c>Total "Due"</c>: every generated statement has to quote them to run at all.
/// </summary>
public sealed class ReservedNameTests(AppliedDatabase db) : IClassFixture<AppliedDatabase>
{
    [Fact]
    public async Task Every_generated_operation_works_on_reserved_and_quoted_names()
    {
        await using var session = await db.BeginAsync();
        var users = session.ReservedUsers();
        var ada = await users.InsertAsync(new ReservedUser { WeirdName = "Ada \"the first\"", WithSpace = "a b", CamelCase = "Camel", Handle = "ada" });
        var bob = await users.InsertAsync(new ReservedUser { WeirdName = "Bob", CamelCase = "Camel", Handle = "bob" });

        Assert.Equal("Ada \"the first\"", (await users.GetAsync(ada.Id))!.WeirdName);
        Assert.True(await users.ExistsAsync(bob.Id));
        Assert.Equal(2L, await users.CountAsync());
        Assert.Equal("bob", (await users.GetByHandleAsync("bob"))!.Handle);
        Assert.Equal(new[] { ada.Id, bob.Id }.Order(), (await users.ListByCamelCaseAsync("Camel")).Select(u => u.Id).Order());
        Assert.Equal(["Ada \"the first\"", "Bob"], (await users.ListAsync(orderBy: ReservedUserColumn.WeirdName)).Select(u => u.WeirdName));
        Assert.Equal(["a b", null], (await users.ListAsync(orderBy: ReservedUserColumn.WithSpace)).Select(u => u.WithSpace));
        Assert.Equal(2, await users.StreamAsync().CountAsync());

        ada.WithSpace = "changed";
        Assert.True(await users.UpdateAsync(ada));
        var upserted = await users.UpsertByHandleAsync(new ReservedUser { WeirdName = "Bob 2", Handle = "bob" });
        Assert.Equal(bob.Id, upserted.Id);
        Assert.Equal("Bob 2", (await users.GetAsync(bob.Id))!.WeirdName);

        var orders = session.Orders();
        var order = await orders.InsertAsync(new Order { UserId = ada.Id, Select = "select", TotalDue = 12.34m });
        Assert.True(order.Id > 0);
        Assert.Equal(3UL, await orders.InsertManyAsync(Enumerable.Range(0, 3).Select(i => new Order { UserId = bob.Id, Select = $"copy {i}", TotalDue = i })));
        Assert.Equal(3, (await orders.ListByUserIdAsync(bob.Id)).Count);
        order.TotalDue = 99.99m;
        Assert.True(await orders.UpdateAsync(order));
        Assert.Equal(99.99m, (await orders.GetAsync(order.Id))!.TotalDue);
        Assert.Equal(["select"], (await orders.ListByUserIdAsync(ada.Id)).Select(o => o.Select));
        Assert.True(await orders.DeleteAsync(order.Id));

        Assert.True(await users.SoftDeleteAsync(ada.Id));
        Assert.Null(await users.GetAsync(ada.Id));
        Assert.Null(await users.GetByHandleAsync("ada"));
        Assert.NotNull(await users.GetAsync(ada.Id, DeletedRows.Only));
        Assert.True(await users.RestoreAsync(ada.Id));
        Assert.True(await users.HardDeleteAsync(bob.Id));
        Assert.Empty(await orders.ListByUserIdAsync(bob.Id));

        Assert.Equal(1UL, await users.InsertManyAsync([new ReservedUser { WeirdName = "copied", WithSpace = "x y", CamelCase = "C", Handle = "copied" }]));
        var raw = await session.QueryAsync(ReservedUserReader.Instance, $"SELECT * FROM \"user\" WHERE \"with space\" = {"x y"}");
        Assert.Equal("copied", Assert.Single(raw).WeirdName);
    }

    [Fact]
    public async Task Reserved_names_reach_the_catalog_verbatim_and_show_no_drift()
    {
        await using var session = await db.BeginAsync();
        var columns = await session.QueryAsync(
            NameReader.Instance,
            $"SELECT c.relname || '.' || a.attname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname IN ('user', 'order') AND a.attnum > 0 AND NOT a.attisdropped");
        var names = columns.ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "user.Weird \"Name\"", "user.with space", "user.CamelCase", "order.User Id", "order.select", "order.Total \"Due\"" })
        {
            Assert.Contains(expected, names);
        }

        // The plan reads pg_catalog and compares names: a name stored differently from the model shows up as drift.
        var plan = await SchemaApplier.PlanAsync(global::Schema.Model, db.Database, default);
        Assert.True(plan.Changes.Count == 0, "pg_catalog differs from the model for: " + string.Join("; ", plan.Changes));
    }

    /// <summary>Reads the first column as a string.</summary>
    private sealed class NameReader : IRowReader<string>
    {
        public static NameReader Instance { get; } = new();

        public int[] ResolveOrdinals(Npgsql.NpgsqlDataReader reader) => [0];

        public string Read(Npgsql.NpgsqlDataReader reader, int[] ordinals) => reader.GetString(ordinals[0]);
    }
}
