using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A scaled-out PostgreSQL on this machine, for tests: a primary, a streaming standby copied from it with
/// pg_basebackup, and PgBouncer in transaction pooling mode in front of the primary, all on loopback ports, started
/// like <see cref="TestPostgres"/>'s throwaway clusters and removed on dispose (or when the process exits).
/// </summary>
/// <remarks>
/// Needs the PostgreSQL server binaries and PgBouncer installed (<c>apt-get install -y postgresql pgbouncer</c>;
/// <c>.ci/run</c> installs what is missing); <c>TEST_DATABASE_URL</c> and Docker cannot provide a topology.
/// </remarks>
/// <example>
/// <code>
/// await using var topology = await TestTopology.StartAsync();
/// await using var database = await topology.CreateDatabaseAsync();
/// await using var db = SchemaDatabase.Create(database.PgBouncerConnectionString);      // through PgBouncer
/// await using var both = SchemaDatabase.Create(database.MultiHostConnectionString);    // primary and standby
/// </code>
/// </example>
public sealed class TestTopology : IAsyncDisposable
{
    private int _disposed;

    private TestTopology(TestPostgres primary, TestPostgres standby)
    {
        Primary = primary;
        Standby = standby;
    }

    /// <summary>
    /// The primary: it takes writes, and databases are created on it. <see cref="TestPostgres.StopAsync"/> and
    /// <see cref="TestPostgres.Kill"/> on it are how a test loses it.
    /// </summary>
    public TestPostgres Primary { get; }

    /// <summary>
    /// The standby: read-only, replaying the primary's WAL as it streams in, until <see cref="PromoteStandbyAsync"/>
    /// makes it a primary. Databases cannot be created on it.
    /// </summary>
    public TestPostgres Standby { get; }

    /// <summary>Whether PgBouncer runs in front of the primary (<see cref="TestTopologyOptions.PgBouncer"/>).</summary>
    public bool HasPgBouncer => PrimaryCluster.PgBouncerPort is not null;

    internal LocalCluster PrimaryCluster => Primary.Cluster!;

    internal LocalCluster StandbyCluster => Standby.Cluster!;

    /// <summary>Starts a primary, its standby and (unless turned off) PgBouncer.</summary>
    /// <param name="cancellationToken">Cancels the start; whatever was started is removed.</param>
    /// <returns>The running topology; dispose it.</returns>
    /// <exception cref="InvalidOperationException">PostgreSQL or PgBouncer is not installed, or a part did not start (the message quotes its log).</exception>
    public static ValueTask<TestTopology> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new TestTopologyOptions(), cancellationToken);

    /// <summary>Starts a primary, its standby and (unless turned off) PgBouncer, with extra server settings.</summary>
    /// <param name="options">What to start and how the servers are configured.</param>
    /// <param name="cancellationToken">Cancels the start; whatever was started is removed.</param>
    /// <returns>The running topology; dispose it.</returns>
    /// <exception cref="InvalidOperationException">PostgreSQL or PgBouncer is not installed, or a part did not start (the message quotes its log).</exception>
    public static async ValueTask<TestTopology> StartAsync(TestTopologyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PostgresBinaries.FindNewest(null) is null)
        {
            throw new InvalidOperationException(
                "A test topology (primary, standby, PgBouncer) needs the PostgreSQL server binaries on this machine: install them " +
                "(apt-get install -y postgresql); TEST_DATABASE_URL and Docker cannot provide one.");
        }

        var pgBouncer = options.PgBouncer
            ? PgBouncerProcess.FindExecutable() ?? throw new InvalidOperationException(
                "A test topology puts PgBouncer in front of the primary, and PgBouncer is not installed: install it (apt-get install -y pgbouncer; " +
                ".ci/run does), or set TestTopologyOptions.PgBouncer to false.")
            : null;

        TestPostgres? primary = null;
        TestPostgres? standby = null;
        try
        {
            primary = await TestPostgres.StartAsync(
                TestPostgresDiscovery.LocalOnly, isShared: false, cancellationToken, new TestPostgresOptions { ServerSettings = options.ServerSettings })
                .ConfigureAwait(false);
            var standbyCluster = await LocalCluster.StartStandbyAsync(primary.Cluster!, cancellationToken).ConfigureAwait(false);
            standby = await TestPostgres.WrapAsync(standbyCluster, isShared: false, cancellationToken).ConfigureAwait(false);
            if (pgBouncer is not null)
            {
                var secret = await ScalarAsync<string>(primary.AdminDataSource, "SELECT rolpassword FROM pg_authid WHERE rolname = current_user", null, cancellationToken)
                    .ConfigureAwait(false);
                await primary.Cluster!.StartPgBouncerAsync(pgBouncer, secret, cancellationToken).ConfigureAwait(false);
            }

            var topology = new TestTopology(primary, standby);
            await topology.WaitForStandbyAsync(cancellationToken).ConfigureAwait(false);
            return topology;
        }
        catch
        {
            if (standby is not null)
            {
                await standby.DisposeAsync().ConfigureAwait(false);
            }

            if (primary is not null)
            {
                await primary.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Creates a database on the primary (optionally a copy of <paramref name="template"/>) and waits until the
    /// standby has it too.
    /// </summary>
    /// <param name="template">A database on the primary to copy, or <see langword="null"/> for an empty one.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The database and its connection strings through each part; dispose it to drop it.</returns>
    public async ValueTask<TestTopologyDatabase> CreateDatabaseAsync(string? template = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var database = await Primary.CreateDatabaseAsync(template, cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForStandbyAsync(cancellationToken).ConfigureAwait(false);
            return new TestTopologyDatabase(this, database);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits until the standby has replayed everything the primary had written when the call began, so a test can
    /// read there what it just committed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the standby has caught up.</returns>
    /// <exception cref="TimeoutException">The standby did not catch up within 60 seconds.</exception>
    public async ValueTask WaitForStandbyAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // A commit that flushes, so the flush position covers everything written before it. The insert position would
        // not do: after a record that ends a page it points past the next page's header, which no standby reaches
        // until the primary writes again.
        var connection = await Primary.AdminDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var marker = new NpgsqlCommand("BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_logical_emit_message(true, 'schema-testing', 'standby'); COMMIT", connection);
            await using (marker.ConfigureAwait(false))
            {
                await marker.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var written = await ScalarAsync<string>(Primary.AdminDataSource, "SELECT pg_current_wal_flush_lsn()::text", null, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        while (!await ScalarAsync<bool>(Standby.AdminDataSource, "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", written, cancellationToken).ConfigureAwait(false))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The standby had not replayed the primary's WAL up to {written} after 60 s.");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Promotes the standby (<c>pg_ctl promote</c>): it stops replaying and takes writes. Stop or kill the
    /// <see cref="Primary"/> first, as a failover would.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the promotion.</param>
    /// <returns>A task that completes when the standby accepts writes.</returns>
    public async ValueTask PromoteStandbyAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await StandbyCluster.PromoteAsync(cancellationToken).ConfigureAwait(false);
        Standby.AdminDataSource.Clear();
    }

    /// <summary>Stops PgBouncer, the standby and the primary, and deletes their files.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Standby.DisposeAsync().ConfigureAwait(false);
        await Primary.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"primary {Primary.Source}, standby, {(HasPgBouncer ? "PgBouncer" : "no PgBouncer")}";

    private static async ValueTask<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, object? parameter, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            if (parameter is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
