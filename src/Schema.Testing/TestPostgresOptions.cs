using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>
/// Extra server configuration for a private server from <see cref="TestPostgres.StartAsync(TestPostgresOptions, System.Threading.CancellationToken)"/>,
/// such as TLS: settings appended to <c>postgresql.conf</c> and files written into the data directory before the
/// first start. Only a local cluster can take them.
/// </summary>
/// <example>
/// <code>
/// await using var server = await TestPostgres.StartAsync(new TestPostgresOptions
/// {
///     ServerSettings = ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"],
///     DataFiles = new Dictionary&lt;string, string&gt; { ["server.crt"] = certificatePem, ["server.key"] = keyPem },
/// });
/// </code>
/// </example>
public sealed class TestPostgresOptions
{
    /// <summary>Lines appended to <c>postgresql.conf</c>, such as <c>ssl = on</c>.</summary>
    public IReadOnlyList<string> ServerSettings { get; init; } = [];

    /// <summary>
    /// Files written into the data directory (name → text), readable only by the server's OS user; settings name them
    /// relative to the data directory (<c>ssl_cert_file = 'server.crt'</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> DataFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal bool IsEmpty => ServerSettings.Count == 0 && DataFiles.Count == 0;
}
