using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;

namespace Schemata;

/// <summary>
/// Parses <c>postgresql://user:password@host:port/database?parameters</c> (also <c>postgres://</c> and
/// driver-suffixed schemes such as <c>postgresql+asyncpg://</c>) into an Npgsql connection string builder.
/// </summary>
internal static class PostgresUrl
{
    internal const int DefaultPort = 5432;

    /// <summary>True when the value starts with a URL scheme followed by "://".</summary>
    internal static bool HasScheme(string value)
    {
        var end = value.IndexOf("://", StringComparison.Ordinal);
        return end > 0 && IsSchemeToken(value.AsSpan(0, end));
    }

    /// <summary>True for "postgresql:host/db"-like values that were meant to be URLs but lost their "//".</summary>
    internal static bool LooksLikeBrokenUrl(string value) =>
        value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) &&
        value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 &&
        IsSchemeToken(value.AsSpan(0, colon)) &&
        !value.AsSpan(0, colon).Contains('=');

    internal static NpgsqlConnectionStringBuilder Parse(string value, ConfigurationError error)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        CheckScheme(value[..schemeEnd], error);
        var rest = value[(schemeEnd + 3)..];

        var authorityEnd = AuthorityEnd(rest);
        var authority = rest[..authorityEnd];
        var (path, query) = SplitPathAndQuery(rest[authorityEnd..], error);

        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? null : authority[..at];
        var hostList = at < 0 ? authority : authority[(at + 1)..];

        var parameters = UrlParameters.Parse(query, error);
        var socketHost = parameters.FirstOrDefault(p => p.Name == UrlParameters.HostParameter);
        var hosts = ParseHosts(hostList, error, socketHost is not null);
        var database = ParseDatabase(path, error);

        var builder = new NpgsqlConnectionStringBuilder();
        ApplyUserInfo(userInfo, builder);
        ApplyHosts(hosts, socketHost, builder);
        builder.Database = database;
        UrlParameters.Apply(parameters, builder);

        if (builder.MinPoolSize > builder.MaxPoolSize)
        {
            throw error.InUrl(string.Create(
                CultureInfo.InvariantCulture,
                $"asks for pool_min {builder.MinPoolSize} above pool_max {builder.MaxPoolSize}: the minimum pool size cannot exceed the maximum"));
        }

        return builder;
    }

    private static void CheckScheme(string scheme, ConfigurationError error)
    {
        var plus = scheme.IndexOf('+', StringComparison.Ordinal);
        var baseScheme = plus < 0 ? scheme : scheme[..plus];
        if (!baseScheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) &&
            !baseScheme.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw error.InUrl(
                $"uses the scheme '{scheme}', but only postgresql:// and postgres:// are supported " +
                "(a driver suffix such as postgresql+asyncpg:// is accepted and ignored)");
        }
    }

    /// <summary>
    /// The authority ends at the first '/'. Without a path it ends at the first '?' or '#' instead. Looking
    /// for '/' first keeps an unencoded '?' or '#' in the password inside the authority.
    /// </summary>
    private static int AuthorityEnd(string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return slash;
        }

        var end = rest.IndexOfAny(['?', '#'], rest.LastIndexOf('@') + 1);
        return end < 0 ? rest.Length : end;
    }

    private static (string Path, string Query) SplitPathAndQuery(string afterAuthority, ConfigurationError error)
    {
        var hash = afterAuthority.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            throw error.InUrl("contains a '#' fragment, which a connection URL cannot have (write a '#' in a password as %23)");
        }

        var question = afterAuthority.IndexOf('?', StringComparison.Ordinal);
        return question < 0
            ? (afterAuthority, string.Empty)
            : (afterAuthority[..question], afterAuthority[(question + 1)..]);
    }

    private static void ApplyUserInfo(string? userInfo, NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(userInfo))
        {
            return;
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = PercentDecoding.DecodeOrSame(colon < 0 ? userInfo : userInfo[..colon]);
        if (user.Length > 0)
        {
            builder.Username = user;
        }

        if (colon >= 0)
        {
            builder.Password = PercentDecoding.DecodeOrSame(userInfo[(colon + 1)..]);
        }
    }

    private static List<(string Host, int Port)> ParseHosts(string hostList, ConfigurationError error, bool socketFromQuery)
    {
        var entries = hostList.Split(',');
        var hosts = new List<(string Host, int Port)>();
        foreach (var entry in entries)
        {
            var (host, port) = ParseHost(entry, error);
            if (host.Length == 0 && !(socketFromQuery && entries.Length == 1))
            {
                throw error.InUrl(entries.Length == 1
                    ? "has no host: put the server's name or address after '@', as in @localhost:5432"
                    : "has an empty host in its host list: write each host as name:port, separated by commas");
            }

            hosts.Add((host, port));
        }

        return hosts;
    }

    private static (string Host, int Port) ParseHost(string entry, ConfigurationError error)
    {
        string host;
        string? port = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw error.InUrl("has an IPv6 address with no closing ']': write it as [::1]:5432");
            }

            host = entry[1..close];
            var after = entry[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    throw error.InUrl("has text after an IPv6 address where only :port may follow");
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && entry.IndexOf(':', colon + 1) >= 0)
            {
                throw error.InUrl("has an IPv6 address without brackets: write it as [::1]:5432");
            }

            host = PercentDecoding.DecodeOrSame(colon < 0 ? entry : entry[..colon]);
            port = colon < 0 ? null : entry[(colon + 1)..];
        }

        return (host, port is null ? DefaultPort : ParsePort(port, error));
    }

    private static int ParsePort(string port, ConfigurationError error)
    {
        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535)
        {
            return number;
        }

        var shown = port.Length == 0 ? "(empty after ':')" : error.Quote(port);
        throw error.InUrl($"has an invalid port {shown}: a port is a whole number from 1 to 65535, such as 5432");
    }

    private static string ParseDatabase(string path, ConfigurationError error)
    {
        var name = path.StartsWith('/') ? path[1..] : path;
        if (name.Length == 0)
        {
            throw error.InUrl("names no database: add it after the host, as in @localhost:5432/appdb");
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw error.InUrl("has a path with more than a database name: only /database may follow the host");
        }

        return PercentDecoding.DecodeOrSame(name);
    }

    private static void ApplyHosts(List<(string Host, int Port)> hosts, UrlParameters.Parameter? socketHost, NpgsqlConnectionStringBuilder builder)
    {
        if (socketHost is not null)
        {
            builder.Host = socketHost.Value.Length > 0 ? socketHost.Value : throw socketHost.Invalid("a host name or a Unix socket directory");
            builder.Port = hosts[0].Port;
            return;
        }

        if (hosts.Count == 1)
        {
            builder.Host = hosts[0].Host;
            builder.Port = hosts[0].Port;
            return;
        }

        builder.Host = string.Join(',', hosts.Select(static h => FormatHostAndPort(h.Host, h.Port)));
    }

    /// <summary>host:port, with an IPv6 address in brackets.</summary>
    internal static string FormatHostAndPort(string host, int port) => host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    private static bool IsSchemeToken(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
