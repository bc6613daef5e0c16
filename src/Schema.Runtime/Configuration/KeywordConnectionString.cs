using System;
using System.Globalization;
using Npgsql;

namespace Schemata;

/// <summary>Validates an Npgsql keyword connection string such as <c>Host=localhost;Database=appdb</c>.</summary>
internal static class KeywordConnectionString
{
    internal static NpgsqlConnectionStringBuilder Parse(string value, ConfigurationError error)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException exception)
        {
            throw Explain(exception, error);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw error.InKeywords("has no Host: add Host=<server name or address>");
        }

        if (builder.Port is < 1 or > 65535)
        {
            throw error.InKeywords(string.Create(
                CultureInfo.InvariantCulture,
                $"has an invalid Port {builder.Port}: a port is a whole number from 1 to 65535, such as 5432"));
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw error.InKeywords("names no database: add Database=<name>");
        }

        return builder;
    }

    /// <summary>
    /// Npgsql names the offending keyword in <see cref="ArgumentException.ParamName"/> and never quotes the
    /// value; the message here does the same, so a password given to the wrong keyword stays hidden.
    /// </summary>
    private static SchemaConfigurationException Explain(ArgumentException exception, ConfigurationError error)
    {
        var keyword = exception.ParamName;
        if (string.IsNullOrEmpty(keyword))
        {
            return error.InKeywords("is neither a postgresql:// URL nor a valid keyword string (Key=Value pairs separated by ';')");
        }

        return new NpgsqlConnectionStringBuilder().ContainsKey(keyword)
            ? error.InKeywords($"has an invalid value for {error.Quote(keyword)}")
            : error.InKeywords($"has an unknown keyword {error.Quote(keyword)}");
    }
}
