using System;
using System.Collections.Generic;
using Npgsql;

namespace Schemata;

/// <summary>
/// Knows which stretch of a configured value may hold the password, so that error messages never
/// quote any part of it — even when a malformed value makes the parser cut it in the wrong place.
/// </summary>
internal sealed class SecretRedaction
{
    private static readonly string[] PasswordKeywords = ["password", "pwd", "psw"];

    private readonly List<string> _windows = [];

    private SecretRedaction()
    {
    }

    /// <summary>
    /// In a URL the password can be anything between the first ':' after "://" and the last '@':
    /// an unencoded '/', '?' or '@' in the password still ends up inside that window.
    /// </summary>
    internal static SecretRedaction ForUrl(string value)
    {
        var redaction = new SecretRedaction();
        var start = value.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? value : value[(start + 3)..];
        var lastAt = rest.LastIndexOf('@');
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (lastAt > 0 && colon >= 0 && colon < lastAt)
        {
            redaction.Add(rest[(colon + 1)..lastAt]);
        }

        return redaction;
    }

    /// <summary>
    /// In a keyword string the password runs from "Password=" to the next ';' that starts a keyword
    /// Npgsql knows (or to the end): an unquoted ';' inside the password stays inside the window.
    /// </summary>
    internal static SecretRedaction ForKeywords(string value)
    {
        var redaction = new SecretRedaction();
        var known = new NpgsqlConnectionStringBuilder();
        var starts = KeywordStarts(value);
        for (var i = 0; i < starts.Count; i++)
        {
            var equals = value.IndexOf('=', starts[i]);
            if (equals < 0 || !IsPasswordKeyword(value[starts[i]..equals].Trim()))
            {
                continue;
            }

            var end = value.Length;
            for (var j = i + 1; j < starts.Count; j++)
            {
                var nextEquals = value.IndexOf('=', starts[j]);
                if (nextEquals > 0 && known.ContainsKey(value[starts[j]..nextEquals].Trim()))
                {
                    end = starts[j] - 1;
                    break;
                }
            }

            if (end > equals + 1)
            {
                redaction.Add(value[(equals + 1)..end]);
            }
        }

        return redaction;
    }

    /// <summary>True when <paramref name="fragment"/> could be, or contain, part of the password.</summary>
    internal bool MayRevealSecret(string fragment)
    {
        if (fragment.Length == 0)
        {
            return false;
        }

        foreach (var window in _windows)
        {
            if (window.Contains(fragment, StringComparison.OrdinalIgnoreCase) || fragment.Contains(window, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(string window)
    {
        var trimmed = window.Trim().Trim('"', '\'');
        if (trimmed.Length == 0)
        {
            return;
        }

        _windows.Add(trimmed);
        var decoded = PercentDecoding.DecodeOrSame(trimmed);
        if (!string.Equals(decoded, trimmed, StringComparison.Ordinal))
        {
            _windows.Add(decoded);
        }
    }

    private static bool IsPasswordKeyword(string keyword)
    {
        foreach (var candidate in PasswordKeywords)
        {
            if (string.Equals(keyword, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static List<int> KeywordStarts(string value)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ';')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
