using System;

namespace Schemata;

/// <summary>Where a <see cref="TestPostgres"/> gets its server from: an external URL, a container or a local cluster.</summary>
internal interface IServerBackend : IAsyncDisposable
{
    /// <summary>Npgsql keyword string to the maintenance database, as a superuser (or the URL's user).</summary>
    string ConnectionString { get; }

    /// <summary>Says where the server came from, for test output.</summary>
    string Source { get; }
}
