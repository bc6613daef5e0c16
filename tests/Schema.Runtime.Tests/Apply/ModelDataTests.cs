using System;
using Xunit;

namespace Schemata.Runtime.Tests.Apply;

/// <summary>The generated model's data format: every field survives a round trip, and bad data fails clearly.</summary>
public sealed class ModelDataTests
{
    private static readonly TableModel Orders = new(
        "sales ~ 2:x",
        "order \"lines\"\n",
        [
            new ColumnModel("id", new StoreType("int8"), IsNullable: false, Identity: ColumnIdentity.Always),
            new ColumnModel("~", new StoreType("priority", "sales", IsArray: true), IsNullable: true, Default: "ARRAY['low']::sales.priority[]", RenamedFrom: "prio rities"),
            new ColumnModel("amount", new StoreType("numeric", Modifiers: "12,2"), IsNullable: false, Default: "0", RenamedFrom: string.Empty),
            new ColumnModel("note", new StoreType("text"), IsNullable: true, Default: "'a \\ b \u00e9 \U0001F600 \r\n 3:x '"),
        ],
        [
            new ConstraintModel("pk", ConstraintKind.PrimaryKey, ["id"]),
            new ConstraintModel("fk", ConstraintKind.ForeignKey, ["id", "~"], References: new ForeignKeyReference(null, "customers", ["a", "b"], ReferentialAction.Cascade, ReferentialAction.SetNull)),
            new ConstraintModel("ck", ConstraintKind.Check, [], "amount >= 0"),
            new ConstraintModel("ck_state", ConstraintKind.Check, ["state"], "state IN ('a', 'b')", AllowedValues: ["a", "b", ""]),
            new ConstraintModel("uq", ConstraintKind.Unique, ["amount"]),
        ],
        [
            new IndexModel("ix", ["amount", "id"], IsUnique: true, Method: "btree", Filter: "note IS NULL"),
            new IndexModel("ix_gin", ["~"], Method: "gin"),
        ],
        RenamedFrom: "orders");

    private static readonly TableModel Empty = new(null, "t", [], [], []);

    [Fact]
    public void Every_field_of_every_kind_reads_back_as_written()
    {
        var tables = ModelData.Read(string.Concat(ModelData.Write([Orders, Empty])));

        Assert.Equal(2, tables.Count);
        var orders = tables[0];
        Assert.Equal((Orders.Schema, Orders.Name, Orders.RenamedFrom), (orders.Schema, orders.Name, orders.RenamedFrom));
        Assert.Equal(Orders.Columns, orders.Columns);
        Assert.Equal(Orders.Constraints.Count, orders.Constraints.Count);
        for (var i = 0; i < Orders.Constraints.Count; i++)
        {
            var (expected, actual) = (Orders.Constraints[i], orders.Constraints[i]);
            Assert.Equal((expected.Name, expected.Kind, expected.Expression), (actual.Name, actual.Kind, actual.Expression));
            Assert.Equal(expected.Columns, actual.Columns);
            Assert.Equal(expected.AllowedValues, actual.AllowedValues);
            Assert.Equal(expected.References?.QualifiedTable, actual.References?.QualifiedTable);
            Assert.Equal(expected.References?.Columns, actual.References?.Columns);
            Assert.Equal((expected.References?.OnDelete, expected.References?.OnUpdate), (actual.References?.OnDelete, actual.References?.OnUpdate));
            Assert.Equal(expected.Definition, actual.Definition);
        }

        Assert.Equal(Orders.Indexes.Count, orders.Indexes.Count);
        for (var i = 0; i < Orders.Indexes.Count; i++)
        {
            var (expected, actual) = (Orders.Indexes[i], orders.Indexes[i]);
            Assert.Equal((expected.Name, expected.IsUnique, expected.Method, expected.Filter), (actual.Name, actual.IsUnique, actual.Method, actual.Filter));
            Assert.Equal(expected.Columns, actual.Columns);
        }

        Assert.Equal((null, "t", 0, 0, 0), (tables[1].Schema, tables[1].Name, tables[1].Columns.Count, tables[1].Constraints.Count, tables[1].Indexes.Count));
    }

    [Fact]
    public void Equal_names_and_types_are_read_as_one_instance()
    {
        var tables = ModelData.Read(string.Concat(ModelData.Write([Orders, Orders with { Name = "copy" }])));

        Assert.Same(tables[0].Columns[0].Name, tables[1].Columns[0].Name);
        Assert.Same(tables[0].Columns[1].Type, tables[1].Columns[1].Type);
        Assert.NotSame(tables[0].Columns[0].Type, tables[0].Columns[1].Type);
    }

    [Fact]
    public void Data_of_another_format_version_is_refused_with_what_to_do()
    {
        var lines = ModelData.Write([Orders]);
        lines[0] = (ModelData.Version + 1) + "\n";

        var error = Assert.Throws<InvalidOperationException>(() => ModelData.Read(string.Concat(lines)));
        Assert.Contains("format " + (ModelData.Version + 1), error.Message, StringComparison.Ordinal);
        Assert.Contains("same version of the Schema packages", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1\n~ 1:t ~ 0 0 0 ")]
    [InlineData("1\n~ 99:t ~ 0 0 0 \n")]
    [InlineData("1\n~ 1:t ~ 1 2:id \n")]
    [InlineData("1\n~ 1:t ~ x 0 0 \n")]
    [InlineData("1\n~ 1:t ~ 99999999999 0 0 \n")]
    [InlineData("1\n~ 1:t ~ 0 0 0 extra\n")]
    public void Malformed_data_is_refused_with_where(string data)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ModelData.Read(data));
        Assert.Contains("malformed at character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_is_the_version_then_a_line_a_table()
    {
        var lines = ModelData.Write([Orders, Empty]);

        Assert.Equal(3, lines.Count);
        Assert.Equal("1\n", lines[0]);
        Assert.Equal("~ 1:t ~ 0 0 0 \n", lines[2]);
        Assert.All(lines, line => Assert.EndsWith("\n", line, StringComparison.Ordinal));
    }
}
