using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A real PostgreSQL server for tests, samples and benchmarks. The first that works wins:
/// <c>TEST_DATABASE_URL</c>; a Docker engine (Testcontainers); PostgreSQL installed on this machine (a throwaway
/// cluster in a temp folder on a free loopback port). Without any of them it fails with one sentence saying
/// how to get PostgreSQL.
/// </summary>
/// <example>
/// <code>
/// var server = await TestPostgres.SharedAsync();
/// await using var database = await server.CreateDatabaseAsync();
/// await using var db = SchemaDatabase.Create(database.ConnectionString);
/// </code>
/// </example>
public sealed class TestPostgres : IAsyncDisposable
{
    private static readonly Lock SharedLock = new();
    private static Task<TestPostgres>? s_shared;

    private readonly IServerBackend _backend;
    private readonly SchemaDatabase _admin;
    private readonly bool _isShared;
    private readonly ConcurrentDictionary<string, TestDatabase> _databases = new(StringComparer.Ordinal);
    private volatile bool _stopped;
    private volatile bool _adminClosed;
    private int _disposed;

    private TestPostgres(IServerBackend backend, SchemaDatabase admin, bool isShared)
    {
        _backend = backend;
        _admin = admin;
        _isShared = isShared;
    }

    /// <summary>Npgsql keyword connection string to the maintenance database, as a superuser.</summary>
    /// <remarks>It carries the password: pass it on, never print it.</remarks>
    public string ConnectionString => _backend.ConnectionString;

    /// <summary>
    /// Where the server came from: <c>TEST_DATABASE_URL</c>, <c>Testcontainers (…)</c>, or
    /// <c>local PostgreSQL 15 at /usr/lib/postgresql/15/bin</c>.
    /// </summary>
    public string Source => _backend.Source;

    /// <summary>
    /// True when <see cref="StopAsync"/>, <see cref="RestartAsync"/> and <see cref="Kill"/> work: for a private
    /// server from <see cref="StartAsync(CancellationToken)"/> that runs as a local cluster. Never for the
    /// shared server, which other tests use at the same time.
    /// </summary>
    public bool CanControlServer => _backend is LocalCluster && !_isShared;

    /// <summary>
    /// The server shared by the whole process: started by the first caller, reused by every later one (safe to
    /// call from many tests at once), and stopped when the process exits. Disposing it does nothing.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the start itself carries on for the others.</param>
    /// <returns>The shared server.</returns>
    /// <exception cref="SchemaConfigurationException">No PostgreSQL is available, or TEST_DATABASE_URL is invalid.</exception>
    /// <exception cref="SchemaConnectionException">The server named by TEST_DATABASE_URL cannot be reached or refuses the login.</exception>
    /// <exception cref="InvalidOperationException">The installed PostgreSQL could not create or start a cluster; the message quotes its log.</exception>
    public static ValueTask<TestPostgres> SharedAsync(CancellationToken cancellationToken = default)
    {
        Task<TestPostgres> shared;
        lock (SharedLock)
        {
            if (s_shared is null || s_shared.IsFaulted || s_shared.IsCanceled)
            {
                s_shared = StartAsync(TestPostgresDiscovery.FromEnvironment(), isShared: true, CancellationToken.None).AsTask();
            }

            shared = s_shared;
        }

        return new ValueTask<TestPostgres>(shared.WaitAsync(cancellationToken));
    }

    /// <summary>Starts a private server that the caller disposes.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A running server.</returns>
    /// <exception cref="SchemaConfigurationException">No PostgreSQL is available, or TEST_DATABASE_URL is invalid.</exception>
    /// <exception cref="SchemaConnectionException">The server named by TEST_DATABASE_URL cannot be reached or refuses the login.</exception>
    /// <exception cref="InvalidOperationException">The installed PostgreSQL could not create or start a cluster; the message quotes its log.</exception>
    public static ValueTask<TestPostgres> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(TestPostgresDiscovery.FromEnvironment(), isShared: false, cancellationToken);

    /// <summary>Starts a private local cluster with extra server settings and files (TLS, for example), which the caller disposes.</summary>
    /// <param name="options">Settings appended to postgresql.conf and files written into the data directory.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A running server.</returns>
    /// <exception cref="InvalidOperationException">
    /// The options are not empty and the server would come from TEST_DATABASE_URL or Docker, which cannot take them; or
    /// the installed PostgreSQL could not create or start a cluster (the message quotes its log).
    /// </exception>
    public static ValueTask<TestPostgres> StartAsync(TestPostgresOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartAsync(TestPostgresDiscovery.FromEnvironment(), isShared: false, cancellationToken, options);
    }

    internal static async ValueTask<TestPostgres> StartAsync(
        TestPostgresDiscovery discovery, bool isShared, CancellationToken cancellationToken, TestPostgresOptions? options = null)
    {
        var backend = await StartBackendAsync(discovery, options, cancellationToken).ConfigureAwait(false);
        return await WrapAsync(backend, isShared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A server around a backend that is already running (a standby, for example); disposes the backend when that fails.</summary>
    internal static async ValueTask<TestPostgres> WrapAsync(IServerBackend backend, bool isShared, CancellationToken cancellationToken)
    {
        SchemaDatabase? admin = null;
        try
        {
            var source = backend is ExternalServer ? SchemaEnvironment.TestUrlVariable : null;
            admin = SchemaDatabase.Create(backend.ConnectionString, source, options: null);
            // Opening proves the server answers and accepts the login, so a bad URL fails here, clearly. A standby will do.
            var probe = await admin.OpenConnectionAsync(SchemaSessionTarget.PreferStandby, cancellationToken).ConfigureAwait(false);
            await probe.DisposeAsync().ConfigureAwait(false);

            return new TestPostgres(backend, admin, isShared);
        }
        catch
        {
            if (admin is not null)
            {
                await admin.DisposeAsync().ConfigureAwait(false);
            }

            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask<IServerBackend> StartBackendAsync(
        TestPostgresDiscovery discovery, TestPostgresOptions? options, CancellationToken cancellationToken)
    {
        if (options is { IsEmpty: false })
        {
            // Settings and files need a cluster of our own: TEST_DATABASE_URL and Docker are skipped for it.
            return PostgresBinaries.FindNewest(discovery.BinaryDirectories) is { } local
                ? await LocalCluster.StartAsync(local, options, cancellationToken).ConfigureAwait(false)
                : throw new InvalidOperationException(
                    "Server settings and files need the PostgreSQL binaries on this machine (a local throwaway cluster): install them " +
                    "(apt-get install -y postgresql).");
        }

        if (!string.IsNullOrWhiteSpace(discovery.TestDatabaseUrl))
        {
            return new ExternalServer(discovery.TestDatabaseUrl);
        }

        if (discovery.ProbeDocker && DockerProbe.EngineAnswers())
        {
            return await ContainerServer.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (PostgresBinaries.FindNewest(discovery.BinaryDirectories) is { } binaries)
        {
            return await LocalCluster.StartAsync(binaries, cancellationToken).ConfigureAwait(false);
        }

        throw new SchemaConfigurationException(TestPostgresDiscovery.NothingFound);
    }

    /// <summary>Creates a new database with a unique name, optionally as a copy of <paramref name="template"/>.</summary>
    /// <param name="template">
    /// A database to copy (schema and data), such as one a fixture prepared once; it must have no open
    /// connections, so pooled ones to a template made here are closed first. <see langword="null"/> copies
    /// <c>template1</c>, an empty database.
    /// </param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The new database; dispose it to drop it.</returns>
    public async ValueTask<TestDatabase> CreateDatabaseAsync(string? template = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = "test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var sql = $"CREATE DATABASE {Sql.Quote(name)}" + (template is null ? string.Empty : $" TEMPLATE {Sql.Quote(template)}");
        if (template is not null && _databases.TryGetValue(template, out var templateDatabase))
        {
            templateDatabase.ClearPool();
        }

        await TemplateRetry.RunAsync(() => ExecuteAsync(sql, cancellationToken), cancellationToken).ConfigureAwait(false);
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
        var database = new TestDatabase(this, name, connectionString);
        _databases[name] = database;
        return database;
    }

    /// <summary>
    /// Stops the server with <c>pg_ctl stop -m fast</c>, keeping its data; <see cref="RestartAsync"/> brings it back.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the stop.</param>
    /// <returns>A task that completes when the server is down.</returns>
    /// <exception cref="InvalidOperationException"><see cref="CanControlServer"/> is false.</exception>
    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        var cluster = RequireControl();
        _admin.DataSource.Clear();
        await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
        _stopped = true;
    }

    /// <summary>Starts the server again on the same port, after <see cref="StopAsync"/> or <see cref="Kill"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait for the start.</param>
    /// <returns>A task that completes when the server accepts connections.</returns>
    /// <exception cref="InvalidOperationException"><see cref="CanControlServer"/> is false.</exception>
    public async ValueTask RestartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = RequireControl();
        await cluster.RestartAsync(cancellationToken).ConfigureAwait(false);
        _admin.DataSource.Clear();
        _stopped = false;
    }

    /// <summary>
    /// Kills the server's processes with SIGKILL, as in a crash: open connections break, uncommitted work is lost,
    /// and everything committed before the call survives (as with synchronous_commit on, although the server runs
    /// with it off). <see cref="RestartAsync"/> brings it back through crash recovery.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanControlServer"/> is false.</exception>
    public void Kill()
    {
        var cluster = RequireControl();
        cluster.Kill();
        _admin.DataSource.Clear();
        _stopped = true;
    }

    /// <summary>
    /// Stops a private server and deletes its files (a local cluster), removes its container, or — for
    /// TEST_DATABASE_URL — drops the databases created here and not yet disposed. Does nothing for the shared server.
    /// </summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_isShared || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_backend is ExternalServer && !_stopped)
        {
            foreach (var database in _databases.Values)
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }
        }

        _adminClosed = true;
        await _admin.DisposeAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => Source;

    internal LocalCluster? Cluster => _backend as LocalCluster;

    /// <summary>The superuser's pool to the maintenance database.</summary>
    internal NpgsqlDataSource AdminDataSource => _admin.DataSource;

    internal async ValueTask DropDatabaseAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        _databases.TryRemove(database.Name, out _);
        if (_adminClosed || _stopped)
        {
            return;
        }

        var name = Sql.Quote(database.Name);
        var connection = await _admin.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (connection.PostgreSqlVersion.Major >= 13)
            {
                await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
                return;
            }

            // Before PostgreSQL 13 there is no FORCE: end the remaining sessions first.
            await ExecuteAsync(
                connection,
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = {Sql.Literal(database.Name)} AND pid <> pg_backend_pid()",
                cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {name}", cancellationToken).ConfigureAwait(false);
        }
    }

    private LocalCluster RequireControl()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return CanControlServer
            ? (LocalCluster)_backend
            : throw new InvalidOperationException(
                $"Only a private local server from TestPostgres.StartAsync() can be stopped, restarted or killed; this one is " +
                $"{(_isShared ? "the shared server" : "a server")} from {Source}.");
    }

    private async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = await _admin.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
