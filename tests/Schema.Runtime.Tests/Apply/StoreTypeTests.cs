using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>The one normalisation of store types to PostgreSQL's renderings, and what counts as widening.</summary>
public sealed class StoreTypeTests
{
    [Theory]
    [InlineData("varchar(200)", "character varying(200)")]
    [InlineData("timestamptz", "timestamp with time zone")]
    [InlineData("timestamp", "timestamp without time zone")]
    [InlineData("time", "time without time zone")]
    [InlineData("int", "integer")]
    [InlineData("int8", "bigint")]
    [InlineData("bool", "boolean")]
    [InlineData("float8", "double precision")]
    [InlineData("decimal(12, 2)", "numeric(12,2)")]
    [InlineData("\"priority\"", "priority")]
    [InlineData("\"priority\"[]", "priority[]")]
    [InlineData("\"messaging\".\"state\"", "messaging.state")]
    [InlineData("\"Mixed\"", "\"Mixed\"")]
    [InlineData("text[]", "text[]")]
    [InlineData("timestamptz(3)", "timestamp(3) with time zone")]
    public void Normalizes_to_format_type(string written, string canonical)
        => Assert.Equal(canonical, StoreTypes.Normalize(written));

    [Theory]
    [InlineData("character varying(100)", "varchar(200)", true)]
    [InlineData("character varying(100)", "text", true)]
    [InlineData("integer", "bigint", true)]
    [InlineData("numeric(10,2)", "numeric(12,2)", true)]
    [InlineData("real", "double precision", true)]
    [InlineData("character varying(100)", "varchar(10)", false)]
    [InlineData("text", "varchar(50)", false)]
    [InlineData("bigint", "integer", false)]
    [InlineData("numeric(12,2)", "numeric(12,4)", false)]
    [InlineData("text", "integer", false)]
    public void Judges_widening(string from, string to, bool widening)
        => Assert.Equal(widening, StoreTypes.IsWidening(from, to));

    [Theory]
    [InlineData("'medium'", "'medium'::priority", true)]
    [InlineData("'x'", "'x'::character varying", true)]
    [InlineData("-1", "'-1'::integer", true)]
    [InlineData("now()", "now()", true)]
    [InlineData("3", "7", false)]
    [InlineData(null, "5", false)]
    public void Compares_defaults_with_pg_get_expr(string? model, string catalog, bool same)
        => Assert.Equal(same, DefaultExpressions.Same(model, catalog));
}
