using System;
using System.Collections.Generic;
using System.Globalization;
using Npgsql;

namespace Schemata;

/// <summary>
/// The query parameters a connection URL may carry (<c>?sslmode=require&amp;pool_max=20</c>) and how each
/// one maps onto Npgsql. Anything else is refused by name, so a typo never goes unnoticed.
/// </summary>
internal static class UrlParameters
{
    private const int MaxSeconds = int.MaxValue / 1000;

    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, Parameter>> Known =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["sslmode"] = static (b, p) => b.SslMode = ParseSslMode(p),
            ["ssl"] = static (b, p) => b.SslMode = ParseSslMode(p),
            ["sslrootcert"] = static (b, p) => b.RootCertificate = Text(p),
            ["sslcert"] = static (b, p) => b.SslCertificate = Text(p),
            ["sslkey"] = static (b, p) => b.SslKey = Text(p),
            ["connect_timeout"] = static (b, p) => b.Timeout = WholeNumber(p, 0, 1024, "seconds"),
            ["timeout"] = static (b, p) => b.Timeout = WholeNumber(p, 0, 1024, "seconds"),
            ["command_timeout"] = static (b, p) => b.CommandTimeout = WholeNumber(p, 0, MaxSeconds, "seconds"),
            ["pool_min"] = static (b, p) => b.MinPoolSize = WholeNumber(p, 0, 10000, "connections"),
            ["minpoolsize"] = static (b, p) => b.MinPoolSize = WholeNumber(p, 0, 10000, "connections"),
            ["pool_max"] = static (b, p) => b.MaxPoolSize = WholeNumber(p, 1, 10000, "connections"),
            ["maxpoolsize"] = static (b, p) => b.MaxPoolSize = WholeNumber(p, 1, 10000, "connections"),
            ["pool_recycle"] = static (b, p) => b.ConnectionLifetime = Recycle(p),
            ["connection_lifetime"] = static (b, p) => b.ConnectionLifetime = WholeNumber(p, 0, MaxSeconds, "seconds"),
            ["idle_lifetime"] = static (b, p) => b.ConnectionIdleLifetime = WholeNumber(p, 10, MaxSeconds, "seconds"),
            ["connection_idle_lifetime"] = static (b, p) => b.ConnectionIdleLifetime = WholeNumber(p, 10, MaxSeconds, "seconds"),
            ["application_name"] = static (b, p) => b.ApplicationName = Text(p),
            ["target_session_attrs"] = static (b, p) => b.TargetSessionAttributes = ParseTargetSession(p),
            ["pooler"] = static (b, p) => b.NoResetOnClose = ParsePooler(p),
        };

    /// <summary>The supported names, for error messages and docs.</summary>
    internal const string Supported =
        "host, sslmode (or ssl), sslrootcert, sslcert, sslkey, connect_timeout (or timeout), command_timeout, " +
        "pool_min (or minpoolsize), pool_max (or maxpoolsize), pool_recycle (or connection_lifetime), " +
        "idle_lifetime (or connection_idle_lifetime), application_name, target_session_attrs, pooler";

    /// <summary>The parameter that names a Unix socket directory (libpq style); the URL parser handles it.</summary>
    internal const string HostParameter = "host";

    /// <summary>Splits and decodes <c>a=1&amp;b=2</c>, refusing unknown or repeated names.</summary>
    internal static List<Parameter> Parse(string query, ConfigurationError error)
    {
        var parameters = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = PercentDecoding.DecodeOrSame(equals < 0 ? pair : pair[..equals]);
            if (!Known.ContainsKey(name) && !string.Equals(name, HostParameter, StringComparison.OrdinalIgnoreCase))
            {
                throw error.InUrl($"has an unknown query parameter {error.Quote(name)}; the supported ones are {Supported}");
            }

            if (!seen.Add(name))
            {
                throw error.InUrl($"gives the query parameter '{name.ToLowerInvariant()}' more than once");
            }

            var value = equals < 0 ? string.Empty : PercentDecoding.DecodeOrSame(pair[(equals + 1)..]);
            parameters.Add(new Parameter(name.ToLowerInvariant(), value, error));
        }

        return parameters;
    }

    /// <summary>Applies every parameter except <c>host</c> to the builder.</summary>
    internal static void Apply(List<Parameter> parameters, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var parameter in parameters)
        {
            if (Known.TryGetValue(parameter.Name, out var apply))
            {
                apply(builder, parameter);
            }
        }
    }

    private static SslMode ParseSslMode(Parameter p) => p.Value.ToLowerInvariant() switch
    {
        "disable" or "false" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" or "true" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw p.Invalid("one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    private static string ParseTargetSession(Parameter p) => p.Value.ToLowerInvariant() switch
    {
        "any" or "primary" or "standby" or "prefer-primary" or "prefer-standby" or "read-write" or "read-only" =>
            p.Value.ToLowerInvariant(),
        _ => throw p.Invalid("one of any, primary, standby, prefer-primary, prefer-standby, read-write, read-only"),
    };

    /// <summary>
    /// <c>pooler=transaction</c>: the URL names a transaction pooler (PgBouncer in transaction mode), so pooled
    /// connections are reused without Npgsql's <c>DISCARD ALL</c>, which it would send pipelined before the next query:
    /// a pooler that lends server connections per transaction can hand the rest of that pipeline to another client.
    /// </summary>
    private static bool ParsePooler(Parameter p) => p.Value.ToLowerInvariant() switch
    {
        "transaction" => true,
        "none" => false,
        _ => throw p.Invalid("transaction (behind a transaction pooler such as PgBouncer in transaction mode) or none"),
    };

    private static int WholeNumber(Parameter p, int min, int max, string unit)
    {
        if (int.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        throw p.Invalid(string.Create(CultureInfo.InvariantCulture, $"a whole number of {unit} from {min} to {max}"));
    }

    /// <summary>SQLAlchemy's <c>pool_recycle</c>: seconds, with -1 meaning "never recycle".</summary>
    private static int Recycle(Parameter p) =>
        p.Value == "-1" ? 0 : WholeNumber(p, 0, MaxSeconds, "seconds (or -1 for never)");

    private static string Text(Parameter p) =>
        p.Value.Length > 0 ? p.Value : throw p.Invalid("a non-empty value");

    /// <summary>One decoded query parameter, with what it needs to report a bad value.</summary>
    internal sealed record Parameter(string Name, string Value, ConfigurationError Error)
    {
        internal SchemaConfigurationException Invalid(string expected) => Value.Length == 0
            ? Error.InUrl($"gives no value for the query parameter '{Name}': expected {expected}")
            : Error.InUrl($"has an invalid value {Error.Quote(Value)} for the query parameter '{Name}': expected {expected}");
    }
}
