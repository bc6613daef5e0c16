using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// Store types are parts, compared part by part: the catalog's type modifiers decoded from <c>atttypmod</c>, type
/// changes classified by what they cost, and defaults compared with <c>pg_get_expr</c> where no rendering was recorded.
/// </summary>
public sealed class StoreTypeTests
{
    [Theory]
    [InlineData("varchar", 204, "character varying(200)", "200")]
    [InlineData("bpchar", 5, "character(1)", "1")]
    [InlineData("numeric", (12 << 16 | 2) + 4, "numeric(12,2)", "12,2")]
    [InlineData("numeric", -1, "numeric", null)]
    [InlineData("timestamptz", 3, "timestamp(3) with time zone", "3")]
    [InlineData("timestamptz", -1, "timestamp with time zone", null)]
    [InlineData("interval", (0x7FFF << 16) | 0xFFFF, "interval", null)]
    [InlineData("interval", (0x7FFF << 16) | 2, "interval(2)", "2")]
    [InlineData("geometry", 1107460, "geometry(Point,4326)", "Point,4326")]
    public void Type_modifiers_are_decoded_from_the_catalog(string name, int typmod, string rendered, string? modifiers)
        => Assert.Equal(modifiers, Catalog.Modifiers(name, typmod, rendered));

    [Theory]
    [InlineData("varchar", "100", "varchar", "200", "CatalogOnly")]
    [InlineData("varchar", "100", "text", null, "CatalogOnly")]
    [InlineData("text", null, "varchar", null, "CatalogOnly")]
    [InlineData("timestamptz", "3", "timestamptz", "6", "CatalogOnly")]
    [InlineData("timestamptz", "6", "timestamptz", null, "CatalogOnly")]
    [InlineData("numeric", "10,2", "numeric", "12,2", "CatalogOnly")]
    [InlineData("numeric", "10,2", "numeric", "12,4", "Rewrite")]
    [InlineData("int4", null, "int8", null, "Rewrite")]
    [InlineData("float4", null, "float8", null, "Rewrite")]
    [InlineData("int4", null, "numeric", "10,0", "Rewrite")]
    [InlineData("varchar", "100", "varchar", "10", "Narrowing")]
    [InlineData("text", null, "varchar", "50", "Narrowing")]
    [InlineData("int8", null, "int4", null, "Narrowing")]
    [InlineData("numeric", "12,4", "numeric", "12,2", "Narrowing")]
    [InlineData("timestamptz", "6", "timestamptz", "3", "Narrowing")]
    [InlineData("text", null, "int4", null, "Narrowing")]
    [InlineData("bool", null, "int4", null, "Narrowing")]
    public void Type_changes_are_classified_by_what_they_cost(string from, string? fromModifiers, string to, string? toModifiers, string kind)
        => Assert.Equal(kind, TypeChanges.Classify(new StoreType(from, Modifiers: fromModifiers), new StoreType(to, Modifiers: toModifiers)).ToString());

    [Fact]
    public void A_narrowing_between_string_types_leaves_the_cast_to_postgres_so_a_long_value_fails_instead_of_being_cut()
    {
        Assert.Null(TypeChanges.Using("code", new StoreType("varchar", Modifiers: "20"), new StoreType("varchar", Modifiers: "5")));
        Assert.Equal("\"flag\"::integer", TypeChanges.Using("flag", new StoreType("bool"), new StoreType("int4")));
        Assert.Equal(
            "SELECT count(*) FROM \"widgets\" WHERE char_length(\"code\") > 5",
            TypeChanges.DoesNotFit("\"widgets\"", "code", new StoreType("varchar", Modifiers: "20"), new StoreType("varchar", Modifiers: "5")));
    }

    [Theory]
    [InlineData("'medium'", "'medium'::priority", true)]
    [InlineData("'x'", "'x'::character varying", true)]
    [InlineData("-1", "'-1'::integer", true)]
    [InlineData("now()", "now()", true)]
    [InlineData("3", "7", false)]
    [InlineData(null, "5", false)]
    public void Compares_defaults_with_pg_get_expr(string? model, string catalog, bool same)
        => Assert.Equal(same, DefaultExpressions.Same(model, catalog));

    [Fact]
    public void Finds_the_functions_a_default_calls_outside_string_literals()
        => Assert.Equal(["lower", "gen_random_uuid"], DefaultExpressions.FunctionNames("lower(gen_random_uuid()::text) || 'now()'"));
}
