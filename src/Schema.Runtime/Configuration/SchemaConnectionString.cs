using System;
using Npgsql;

namespace Schemata;

/// <summary>
/// Turns the connection settings people pass around — <c>postgresql://</c> URLs as Python, Node and Go tools
/// write them, or Npgsql keyword strings — into an Npgsql connection string, with errors that say what to fix.
/// </summary>
/// <remarks>
/// <para>Accepted URL forms: <c>postgresql://user:password@host:port/database?parameters</c>, the same with
/// <c>postgres://</c> or a driver suffix (<c>postgresql+asyncpg://</c>, <c>postgresql+psycopg://</c>), IPv6 hosts in
/// brackets (<c>[::1]:5432</c>), several hosts (<c>host1:5432,host2:5433</c>) and a Unix socket directory as
/// <c>?host=/var/run/postgresql</c>. User, password, host and database are percent-decoded; the port defaults
/// to 5432.</para>
/// <para>Query parameters: <c>sslmode</c> (or <c>ssl</c>), <c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>,
/// <c>connect_timeout</c> (or <c>timeout</c>), <c>command_timeout</c>, <c>pool_min</c> (or <c>minpoolsize</c>),
/// <c>pool_max</c> (or <c>maxpoolsize</c>), <c>pool_recycle</c> (or <c>connection_lifetime</c>),
/// <c>idle_lifetime</c> (or <c>connection_idle_lifetime</c>), <c>application_name</c>,
/// <c>target_session_attrs</c>, <c>pooler</c> (<c>transaction</c> behind PgBouncer in transaction mode). Times are in seconds. Any other parameter is an error that names it.</para>
/// <para>A keyword string (<c>Host=…;Username=…;Password=…;Database=…</c>) is checked by Npgsql and must name
/// a host and a database.</para>
/// </remarks>
public static class SchemaConnectionString
{
    /// <summary>Returns the Npgsql keyword connection string for a URL, or a keyword string unchanged.</summary>
    /// <param name="value">A <c>postgresql://</c> URL or an Npgsql keyword connection string.</param>
    /// <returns>An Npgsql keyword connection string.</returns>
    /// <exception cref="SchemaConfigurationException">The value is empty or cannot be used; the message says why.</exception>
    public static string Normalize(string value) => Normalize(value, variableName: null);

    /// <summary>Parses a URL or keyword string into an <see cref="NpgsqlConnectionStringBuilder"/>.</summary>
    /// <param name="value">A <c>postgresql://</c> URL or an Npgsql keyword connection string.</param>
    /// <returns>A new builder holding every setting of <paramref name="value"/>.</returns>
    /// <exception cref="SchemaConfigurationException">The value is empty or cannot be used; the message says why.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value) => Parse(value, variableName: null);

    /// <summary>As <see cref="Normalize(string)"/>, naming <paramref name="variableName"/> in errors.</summary>
    internal static string Normalize(string? value, string? variableName)
    {
        var builder = Parse(value, variableName);
        return PostgresUrl.HasScheme(value!.Trim()) ? builder.ConnectionString : value;
    }

    /// <summary>As <see cref="Parse(string)"/>, naming <paramref name="variableName"/> in errors.</summary>
    internal static NpgsqlConnectionStringBuilder Parse(string? value, string? variableName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ConfigurationError.Empty(variableName);
        }

        var trimmed = value.Trim();
        if (PostgresUrl.HasScheme(trimmed))
        {
            return PostgresUrl.Parse(trimmed, ConfigurationError.ForUrl(variableName, trimmed));
        }

        var keywordError = ConfigurationError.ForKeywords(variableName, trimmed);
        if (PostgresUrl.LooksLikeBrokenUrl(trimmed))
        {
            throw ConfigurationError.ForUrl(variableName, trimmed).InUrl("is not a valid URL: it must start with postgresql:// (two slashes after the colon)");
        }

        if (!trimmed.Contains('=', StringComparison.Ordinal))
        {
            throw keywordError.InUrl("is neither a postgresql:// URL nor a keyword string (Key=Value pairs separated by ';')");
        }

        return KeywordConnectionString.Parse(trimmed, keywordError);
    }
}
