using System;
using Xunit;

namespace Schemata.Tests;

public sealed class ConfigurationErrorTests
{
    private const string Secret = "Zebra7Piano";
    private const string Example = "postgresql://app:PASSWORD@localhost:5432/appdb?sslmode=prefer";

    private static SchemaConfigurationException Fails(string value, params string[] expected)
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaConnectionString.Normalize(value));
        foreach (var fragment in expected)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(Example, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(error.VariableName);
        return error;
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_value(string value) => Fails(value, "The connection string is empty");

    [Theory]
    [InlineData("postgresql:/app:" + Secret + "@localhost/appdb", "must start with postgresql://")]
    [InlineData("postgres:app:" + Secret + "@localhost/appdb", "must start with postgresql://")]
    [InlineData("app:" + Secret + "@localhost/appdb", "neither a postgresql:// URL nor a keyword string")]
    [InlineData("localhost", "neither a postgresql:// URL nor a keyword string")]
    [InlineData("postgresql://app:" + Secret + "@[::1/appdb", "no closing ']'")]
    [InlineData("postgresql://app:" + Secret + "@[::1]x/appdb", "only :port may follow")]
    [InlineData("postgresql://app:" + Secret + "@::1/appdb", "IPv6 address without brackets")]
    [InlineData("postgresql://app:" + Secret + "@localhost/appdb#main", "'#' fragment")]
    [InlineData("postgresql://app:" + Secret + "@localhost/appdb/extra", "only /database may follow the host")]
    public void Malformed_url(string value, string problem) => Fails(value, problem);

    [Theory]
    [InlineData("mysql://app:" + Secret + "@localhost/appdb", "'mysql'")]
    [InlineData("http://app:" + Secret + "@localhost/appdb", "'http'")]
    [InlineData("postgis://app:" + Secret + "@localhost/appdb", "'postgis'")]
    [InlineData("pg+asyncpg://app:" + Secret + "@localhost/appdb", "'pg+asyncpg'")]
    public void Unknown_scheme(string value, string scheme) =>
        Fails(value, "uses the scheme " + scheme, "only postgresql:// and postgres:// are supported");

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("0", "'0'")]
    [InlineData("65536", "'65536'")]
    [InlineData("-1", "'-1'")]
    [InlineData("54x32", "'54x32'")]
    [InlineData("", "(empty after ':')")]
    public void Bad_port(string port, string shown) =>
        Fails($"postgresql://app:{Secret}@localhost:{port}/appdb", "has an invalid port " + shown, "from 1 to 65535");

    [Theory]
    [InlineData("postgresql://app:" + Secret + "@/appdb")]
    [InlineData("postgresql:///appdb")]
    [InlineData("postgresql://app:" + Secret + "@:5432/appdb")]
    public void Missing_host(string value) => Fails(value, "has no host");

    [Fact]
    public void Empty_host_in_a_host_list() =>
        Fails($"postgresql://app:{Secret}@primary:5432,,replica/appdb", "has an empty host in its host list");

    [Theory]
    [InlineData("postgresql://app:" + Secret + "@localhost")]
    [InlineData("postgresql://app:" + Secret + "@localhost/")]
    [InlineData("postgresql://app:" + Secret + "@localhost:5432?sslmode=require")]
    public void Missing_database(string value) => Fails(value, "names no database");

    [Theory]
    [InlineData("sslmod=require", "'sslmod'")]
    [InlineData("sslmode=require&pool_size=5", "'pool_size'")]
    [InlineData("password=x", "'password'")]
    [InlineData("search_path=app", "'search_path'")]
    public void Unknown_query_parameter(string query, string name)
    {
        var error = Fails($"postgresql://app:{Secret}@localhost/appdb?{query}", "has an unknown query parameter " + name);

        Assert.Contains("sslmode (or ssl)", error.Message, StringComparison.Ordinal);
        Assert.Contains("pool_max (or maxpoolsize)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_query_parameter() =>
        Fails($"postgresql://app:{Secret}@localhost/appdb?sslmode=require&SSLMODE=disable", "gives the query parameter 'sslmode' more than once");

    [Theory]
    [InlineData("sslmode=maybe", "invalid value 'maybe' for the query parameter 'sslmode'", "verify-full")]
    [InlineData("ssl=yes", "invalid value 'yes' for the query parameter 'ssl'", "verify-ca")]
    [InlineData("pool_max=0", "invalid value '0' for the query parameter 'pool_max'", "from 1 to 10000")]
    [InlineData("pool_max=many", "invalid value 'many' for the query parameter 'pool_max'", "whole number")]
    [InlineData("pool_min=-1", "invalid value '-1' for the query parameter 'pool_min'", "from 0 to")]
    [InlineData("connect_timeout=2000", "invalid value '2000' for the query parameter 'connect_timeout'", "from 0 to 1024")]
    [InlineData("connect_timeout=1.5", "invalid value '1.5' for the query parameter 'connect_timeout'", "whole number of seconds")]
    [InlineData("command_timeout=-5", "invalid value '-5' for the query parameter 'command_timeout'", "seconds")]
    [InlineData("idle_lifetime=5", "invalid value '5' for the query parameter 'idle_lifetime'", "from 10")]
    [InlineData("pool_recycle=-2", "invalid value '-2' for the query parameter 'pool_recycle'", "-1 for never")]
    [InlineData("target_session_attrs=leader", "invalid value 'leader' for the query parameter 'target_session_attrs'", "read-write")]
    [InlineData("pooler=pgbouncer", "invalid value 'pgbouncer' for the query parameter 'pooler'", "transaction")]
    [InlineData("application_name=", "gives no value for the query parameter 'application_name'", "non-empty")]
    [InlineData("sslmode", "gives no value for the query parameter 'sslmode'", "require")]
    public void Bad_value_of_a_known_parameter(string query, string problem, string expected) =>
        Fails($"postgresql://app:{Secret}@localhost/appdb?{query}", problem, expected);

    [Fact]
    public void Minimum_pool_above_maximum() =>
        Fails($"postgresql://app:{Secret}@localhost/appdb?pool_min=50&pool_max=10", "pool_min 50 above pool_max 10");

    [Theory]
    [InlineData("Host=localhost;Bogus=1;Database=appdb;Password=" + Secret, "unknown keyword 'bogus'")]
    [InlineData("Host=localhost;Database=appdb;Password=" + Secret + ";Port=abc", "invalid value for 'port'")]
    [InlineData("Host=localhost;Database=appdb;Password=" + Secret + ";Port=70000", "invalid Port 70000")]
    [InlineData("Database=appdb;Password=" + Secret, "has no Host")]
    [InlineData("Host=localhost;Password=" + Secret, "names no database")]
    [InlineData("Host=localhost;Password=" + Secret + ";=x", "nor a valid keyword string")]
    public void Bad_keyword_string(string value, string problem)
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaConnectionString.Normalize(value));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Host=localhost;Port=5432;Username=app;Password=PASSWORD;Database=appdb", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Malformed values that make the parser cut the password in the wrong place must not leak a piece of it.</summary>
    [Theory]
    [InlineData("postgresql://app:Zebra7/Piano@localhost/appdb")]
    [InlineData("postgresql://app:Zebra7/Piano@localhost:5432/appdb?sslmode=require")]
    [InlineData("postgresql://app:Zebra7Piano:123/x@localhost/appdb")]
    [InlineData("postgres://Zebra7/Piano@localhost/appdb")]
    [InlineData("Host=localhost;Database=appdb;Password=Zebra7;Piano=1")]
    [InlineData("Host=localhost;Database=appdb;Password=Zebra7;PIANO=1;Port=5432")]
    public void Pieces_of_a_misplaced_password_are_not_quoted(string value)
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaConnectionString.Normalize(value));

        Assert.DoesNotContain("Zebra", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Piano", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_hidden_piece_says_how_to_fix_the_password()
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaConnectionString.Normalize("postgresql://app:Zebra7/Piano@localhost/appdb"));

        Assert.Contains("not shown: it overlaps the password", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/' as %2F", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_keyword_after_the_password_is_hidden_with_a_hint()
    {
        var error = Assert.Throws<SchemaConfigurationException>(
            () => SchemaConnectionString.Normalize("Host=localhost;Database=appdb;Password=Zebra7;Piano=1"));

        Assert.Contains("unknown keyword (not shown: it overlaps the password", error.Message, StringComparison.Ordinal);
        Assert.Contains("Password=\"a;b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_the_same_errors()
    {
        var error = Assert.Throws<SchemaConfigurationException>(() => SchemaConnectionString.Parse("mysql://localhost/db"));

        Assert.Contains("'mysql'", error.Message, StringComparison.Ordinal);
    }
}
