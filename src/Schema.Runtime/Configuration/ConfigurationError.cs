using System;

namespace Schemata;

/// <summary>
/// Builds <see cref="SchemaConfigurationException"/>s for one configured value: names where the value
/// came from, shows a correct example and keeps anything that may be part of the password out.
/// </summary>
internal sealed class ConfigurationError
{
    internal const string ExampleUrl = "postgresql://app:PASSWORD@localhost:5432/appdb?sslmode=prefer";
    internal const string ExampleKeywords = "Host=localhost;Port=5432;Username=app;Password=PASSWORD;Database=appdb";

    private readonly SecretRedaction _redaction;
    private readonly bool _isUrl;

    private ConfigurationError(string? variableName, SecretRedaction redaction, bool isUrl)
    {
        VariableName = variableName;
        _redaction = redaction;
        _isUrl = isUrl;
    }

    internal string? VariableName { get; }

    /// <summary>Errors for a URL: the password sits between "user:" and the last '@'.</summary>
    internal static ConfigurationError ForUrl(string? variableName, string value) =>
        new(variableName, SecretRedaction.ForUrl(value), isUrl: true);

    /// <summary>Errors for a keyword string: the password is the value of Password=.</summary>
    internal static ConfigurationError ForKeywords(string? variableName, string value) =>
        new(variableName, SecretRedaction.ForKeywords(value), isUrl: false);

    private string Subject => VariableName ?? "The connection string";

    internal static SchemaConfigurationException Missing(string variableName) => new(
        $"{variableName} is not set. Set it to the PostgreSQL database to use, for example {variableName}={ExampleUrl}",
        variableName);

    internal static SchemaConfigurationException Empty(string? variableName)
    {
        var subject = variableName ?? "The connection string";
        var example = variableName is null ? ExampleUrl : $"{variableName}={ExampleUrl}";
        return new SchemaConfigurationException(
            $"{subject} is empty. Set it to the PostgreSQL database to use, for example {example}",
            variableName);
    }

    /// <summary>A problem with a URL; <paramref name="problem"/> completes "DATABASE_URL …".</summary>
    internal SchemaConfigurationException InUrl(string problem) => new(
        $"{Subject} {problem}. Expected a URL such as {ExampleUrl} (or a keyword string such as {ExampleKeywords}).",
        VariableName);

    /// <summary>A problem with an Npgsql keyword string; <paramref name="problem"/> completes "DATABASE_URL …".</summary>
    internal SchemaConfigurationException InKeywords(string problem) => new(
        $"{Subject} {problem}. Expected a keyword string such as {ExampleKeywords} (or a URL such as {ExampleUrl}).",
        VariableName);

    /// <summary>
    /// Quotes a piece of the configured value for a message, unless it may be part of the password.
    /// </summary>
    internal string Quote(string fragment)
    {
        if (!_redaction.MayRevealSecret(fragment))
        {
            return string.Concat("'", fragment, "'");
        }

        return _isUrl
            ? "(not shown: it overlaps the password; percent-encode special characters in the password, such as '/' as %2F, '@' as %40, '?' as %3F)"
            : "(not shown: it overlaps the password; put a password that contains ';' in double quotes, as Password=\"a;b\")";
    }
}
