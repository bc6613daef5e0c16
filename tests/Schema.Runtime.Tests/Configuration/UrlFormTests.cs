using Npgsql;
using Xunit;

namespace Schemata.Tests;

public sealed class UrlFormTests
{
    private static NpgsqlConnectionStringBuilder Normalized(string url) => new(SchemaConnectionString.Normalize(url));

    [Theory]
    [InlineData("postgresql://app:secret@db.example.com:6543/appdb")]
    [InlineData("postgres://app:secret@db.example.com:6543/appdb")]
    [InlineData("postgresql+asyncpg://app:secret@db.example.com:6543/appdb")]
    [InlineData("postgresql+psycopg://app:secret@db.example.com:6543/appdb")]
    [InlineData("postgres+psycopg2://app:secret@db.example.com:6543/appdb")]
    [InlineData("PostgreSQL://app:secret@db.example.com:6543/appdb")]
    [InlineData("  postgresql://app:secret@db.example.com:6543/appdb\n")]
    public void Every_scheme_spelling_gives_the_same_settings(string url)
    {
        var settings = Normalized(url);

        Assert.Equal("db.example.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("app", settings.Username);
        Assert.Equal("secret", settings.Password);
        Assert.Equal("appdb", settings.Database);
    }

    [Fact]
    public void The_port_defaults_to_5432()
    {
        Assert.Equal(5432, Normalized("postgresql://app:secret@localhost/appdb").Port);
    }

    [Fact]
    public void User_password_and_database_are_percent_decoded()
    {
        var settings = Normalized("postgresql://us%40er:p%40ss%2Fw%3Ard%25@localhost/my%20db");

        Assert.Equal("us@er", settings.Username);
        Assert.Equal("p@ss/w:rd%", settings.Password);
        Assert.Equal("my db", settings.Database);
    }

    [Theory]
    [InlineData("postgresql://app:Zebra?Piano=1@localhost/appdb", "Zebra?Piano=1")]
    [InlineData("postgresql://app:Zebra#Piano@localhost/appdb", "Zebra#Piano")]
    [InlineData("postgresql://app:Zebra@Piano@localhost/appdb", "Zebra@Piano")]
    [InlineData("postgresql://app:Zebra:Piano@localhost/appdb", "Zebra:Piano")]
    public void Unencoded_special_characters_in_the_password_still_parse(string url, string password)
    {
        var settings = Normalized(url);

        Assert.Equal(password, settings.Password);
        Assert.Equal("localhost", settings.Host);
        Assert.Equal("appdb", settings.Database);
    }

    [Fact]
    public void User_without_password_and_no_user_at_all_are_accepted()
    {
        var userOnly = Normalized("postgresql://app@localhost/appdb");
        var nobody = Normalized("postgresql://localhost/appdb");

        Assert.Equal("app", userOnly.Username);
        Assert.Null(userOnly.Password);
        Assert.Null(nobody.Username);
        Assert.Equal("localhost", nobody.Host);
    }

    [Theory]
    [InlineData("postgresql://app:pw@[::1]:5433/appdb", "::1", 5433)]
    [InlineData("postgresql://app:pw@[2001:db8::7]/appdb", "2001:db8::7", 5432)]
    public void IPv6_hosts_go_in_brackets(string url, string host, int port)
    {
        var settings = Normalized(url);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
    }

    [Fact]
    public void Several_hosts_keep_their_own_ports()
    {
        var settings = Normalized("postgresql://app:pw@primary:5432,replica:5433,[::1]/appdb?target_session_attrs=read-write");

        Assert.Equal("primary:5432,replica:5433,[::1]:5432", settings.Host);
        Assert.Equal("read-write", settings.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("postgresql://app:pw@bouncer:6432/appdb?pooler=transaction", true)]
    [InlineData("postgresql://app:pw@bouncer:6432/appdb?pooler=none", false)]
    [InlineData("postgresql://app:pw@db:5432/appdb", false)]
    public void Behind_a_transaction_pooler_pooled_connections_are_reused_without_a_reset(string url, bool noReset)
    {
        // Npgsql's reset (DISCARD ALL) goes pipelined before the next query, which a transaction pooler may split
        // between two clients; ?pooler=transaction turns it off, and nothing else turns it off.
        Assert.Equal(noReset, Normalized(url).NoResetOnClose);
    }

    [Theory]
    [InlineData("postgresql://app@/appdb?host=/var/run/postgresql")]
    [InlineData("postgresql://app@%2Fvar%2Frun%2Fpostgresql/appdb")]
    public void A_unix_socket_directory_is_a_host(string url)
    {
        var settings = Normalized(url);

        Assert.Equal("/var/run/postgresql", settings.Host);
        Assert.Equal("appdb", settings.Database);
    }

    [Theory]
    [InlineData("sslmode=disable", SslMode.Disable)]
    [InlineData("sslmode=allow", SslMode.Allow)]
    [InlineData("sslmode=prefer", SslMode.Prefer)]
    [InlineData("sslmode=require", SslMode.Require)]
    [InlineData("sslmode=verify-ca", SslMode.VerifyCA)]
    [InlineData("sslmode=verify-full", SslMode.VerifyFull)]
    [InlineData("SSLMode=Require", SslMode.Require)]
    [InlineData("ssl=true", SslMode.Require)]
    [InlineData("ssl=false", SslMode.Disable)]
    [InlineData("ssl=verify-full", SslMode.VerifyFull)]
    public void Ssl_modes_map_to_npgsql(string query, SslMode expected)
    {
        Assert.Equal(expected, Normalized("postgresql://app:pw@localhost/appdb?" + query).SslMode);
    }

    [Fact]
    public void Pool_timeout_and_lifetime_parameters_map_to_npgsql()
    {
        var settings = Normalized(
            "postgresql://app:pw@localhost/appdb?pool_min=2&pool_max=20&connect_timeout=7&command_timeout=45" +
            "&pool_recycle=300&idle_lifetime=120&application_name=billing%20api&sslrootcert=/etc/ssl/root.crt" +
            "&sslcert=/etc/ssl/client.crt&sslkey=/etc/ssl/client.key");

        Assert.Equal(2, settings.MinPoolSize);
        Assert.Equal(20, settings.MaxPoolSize);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal(45, settings.CommandTimeout);
        Assert.Equal(300, settings.ConnectionLifetime);
        Assert.Equal(120, settings.ConnectionIdleLifetime);
        Assert.Equal("billing api", settings.ApplicationName);
        Assert.Equal("/etc/ssl/root.crt", settings.RootCertificate);
        Assert.Equal("/etc/ssl/client.crt", settings.SslCertificate);
        Assert.Equal("/etc/ssl/client.key", settings.SslKey);
    }

    [Fact]
    public void Npgsql_style_parameter_names_are_accepted_too()
    {
        var settings = Normalized(
            "postgresql://app:pw@localhost/appdb?minpoolsize=3&maxpoolsize=30&timeout=9&connection_lifetime=60&connection_idle_lifetime=90");

        Assert.Equal(3, settings.MinPoolSize);
        Assert.Equal(30, settings.MaxPoolSize);
        Assert.Equal(9, settings.Timeout);
        Assert.Equal(60, settings.ConnectionLifetime);
        Assert.Equal(90, settings.ConnectionIdleLifetime);
    }

    [Fact]
    public void Pool_recycle_minus_one_means_never()
    {
        Assert.Equal(0, Normalized("postgresql://app:pw@localhost/appdb?pool_recycle=-1").ConnectionLifetime);
    }

    [Fact]
    public void Parse_returns_the_same_settings_as_normalize()
    {
        const string Url = "postgresql://app:pw@localhost:5439/appdb?sslmode=require&pool_max=7";

        var parsed = SchemaConnectionString.Parse(Url);

        Assert.Equal(SchemaConnectionString.Normalize(Url), parsed.ConnectionString);
        Assert.Equal(5439, parsed.Port);
        Assert.Equal(7, parsed.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=localhost;Port=5433;Username=app;Password=secret;Database=appdb")]
    [InlineData("Server=localhost;User Id=app;Password=secret;Database=appdb;SSL Mode=Require")]
    [InlineData("host=localhost;database=appdb")]
    public void Keyword_strings_come_back_unchanged(string connectionString)
    {
        Assert.Equal(connectionString, SchemaConnectionString.Normalize(connectionString));
    }

    [Fact]
    public void Keyword_strings_parse_with_npgsql_names()
    {
        var settings = SchemaConnectionString.Parse("Server=db;User Id=app;Password=secret;Database=appdb;Port=6000");

        Assert.Equal("db", settings.Host);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("app", settings.Username);
        Assert.Equal("appdb", settings.Database);
    }
}
