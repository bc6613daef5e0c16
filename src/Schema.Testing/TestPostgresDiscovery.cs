using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>
/// What <see cref="TestPostgres"/> may use, in order: a URL, a Docker engine, installed binaries. Tests pass
/// their own instead of changing the process-wide environment.
/// </summary>
/// <param name="TestDatabaseUrl">The value of TEST_DATABASE_URL; null or blank means unset.</param>
/// <param name="ProbeDocker">Whether to look for a Docker engine.</param>
/// <param name="BinaryDirectories">Folders to look in for initdb and pg_ctl; null means PATH and the usual folders.</param>
internal sealed record TestPostgresDiscovery(string? TestDatabaseUrl, bool ProbeDocker, IReadOnlyList<string>? BinaryDirectories)
{
    internal static TestPostgresDiscovery FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(SchemaEnvironment.TestUrlVariable), ProbeDocker: true, BinaryDirectories: null);

    /// <summary>Only installed binaries: a private local cluster whatever the environment holds.</summary>
    internal static TestPostgresDiscovery LocalOnly { get; } = new(null, ProbeDocker: false, BinaryDirectories: null);

    internal const string NothingFound =
        "No PostgreSQL server is available for tests: set TEST_DATABASE_URL to one " +
        "(for example postgresql://postgres:PASSWORD@localhost:5432/postgres), start a Docker engine, " +
        "or install PostgreSQL (for example apt-get install -y postgresql).";
}
