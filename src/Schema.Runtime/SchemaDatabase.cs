using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;

namespace Schemata;

/// <summary>
/// One PostgreSQL database an application talks to: owns exactly one pooled <see cref="NpgsqlDataSource"/>
/// configured from a URL, a keyword string or the environment. Create one per database and process, share it,
/// and dispose it at shutdown.
/// </summary>
/// <example>
/// <code>
/// await using var db = SchemaDatabase.FromEnvironment();   // DATABASE_URL
/// await using var connection = await db.OpenConnectionAsync();
/// </code>
/// </example>
public sealed partial class SchemaDatabase : IAsyncDisposable, IDisposable
{
    private readonly ConnectionTarget _target;
    private ResiliencePipeline? _retry;
    private readonly NpgsqlMultiHostDataSource? _hosts;

    private SchemaDatabase(NpgsqlDataSource dataSource, ConnectionTarget target, SchemaDatabaseOptions? options)
    {
        DataSource = dataSource;
        _hosts = dataSource as NpgsqlMultiHostDataSource;
        _target = target;
        Logger = options?.LoggerFactory?.CreateLogger("Schemata.SchemaDatabase") ?? NullLogger.Instance;
        RetryOptions = options?.Retry ?? SchemaRetryOptions.Default;
        ConstraintColumns = new ConstraintColumns(this);
    }

    /// <summary>
    /// The pooled data source every connection of this database comes from. With several hosts it is Npgsql's
    /// multi-host data source, whose own connections go to a server that takes writes unless the connection string's
    /// <c>target_session_attrs</c> says otherwise.
    /// </summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The retry pipeline of units of work, built at the first one: an apply or a status never runs one.</summary>
    private ResiliencePipeline Retry => _retry ??= RetryPipelines.Build(RetryOptions, Logger, _target.DisplayName);

    /// <summary>
    /// For a database made only to apply (without loading the database's types): makes one like it that loads them,
    /// for the sessions of data steps in code, which read and write the model's enum types. Null otherwise.
    /// </summary>
    internal Func<SchemaDatabase>? ForSessions { get; private set; }

    /// <summary>This database, made only to apply, with <paramref name="make"/> as <see cref="ForSessions"/>.</summary>
    internal SchemaDatabase WithSessionsFrom(Func<SchemaDatabase> make)
    {
        ForSessions = make;
        return this;
    }

    /// <summary>Where this database is, as <c>host:port/database</c>; never contains the password.</summary>
    public string DisplayName => _target.DisplayName;

    /// <summary>Connects to the database named by <c>DATABASE_URL</c>.</summary>
    /// <param name="options">Settings that override the URL's; <see langword="null"/> keeps the URL's.</param>
    /// <returns>A database to dispose at shutdown. No connection is opened yet.</returns>
    /// <exception cref="SchemaConfigurationException"><c>DATABASE_URL</c> is unset, empty or invalid.</exception>
    public static SchemaDatabase FromEnvironment(SchemaDatabaseOptions? options = null) =>
        FromEnvironment(Environment.GetEnvironmentVariable, options);

    /// <summary>
    /// Connects for schema changes: to <c>DATABASE_MIGRATE_URL</c>, or to <c>DATABASE_URL</c> when that is unset.
    /// </summary>
    /// <param name="options">Settings that override the URL's; <see langword="null"/> keeps the URL's.</param>
    /// <returns>A database to dispose when done. No connection is opened yet.</returns>
    /// <exception cref="SchemaConfigurationException">Neither variable is set, or the one used is invalid.</exception>
    public static SchemaDatabase FromMigrateEnvironment(SchemaDatabaseOptions? options = null) =>
        FromMigrateEnvironment(Environment.GetEnvironmentVariable, options);

    /// <summary>Connects to the database a URL or an Npgsql keyword string names.</summary>
    /// <param name="urlOrConnectionString">
    /// A <c>postgresql://user:password@host:port/database?sslmode=…</c> URL or an Npgsql keyword string; see
    /// <see cref="SchemaConnectionString"/> for every accepted form and parameter.
    /// </param>
    /// <param name="options">Settings that override the string's; <see langword="null"/> keeps the string's.</param>
    /// <returns>A database to dispose when done. No connection is opened yet.</returns>
    /// <exception cref="SchemaConfigurationException">The string or an option is invalid; the message says why.</exception>
    public static SchemaDatabase Create(string urlOrConnectionString, SchemaDatabaseOptions? options = null) =>
        Create(urlOrConnectionString, sourceName: null, options);

    internal static SchemaDatabase FromEnvironment(Func<string, string?> lookup, SchemaDatabaseOptions? options)
    {
        var variable = SchemaEnvironment.DatabaseUrlVariable;
        return Create(SchemaEnvironment.Resolve(variable, lookup), variable, options);
    }

    internal static SchemaDatabase FromMigrateEnvironment(Func<string, string?> lookup, SchemaDatabaseOptions? options)
    {
        var (connectionString, variable) = SchemaEnvironment.ResolveMigrate(lookup);
        return Create(connectionString, variable, options);
    }

    internal static SchemaDatabase Create(string? urlOrConnectionString, string? sourceName, SchemaDatabaseOptions? options)
    {
        var builder = SchemaConnectionString.Parse(urlOrConnectionString, sourceName);
        if (options is not null)
        {
            SchemaDatabaseOptionsApplier.Apply(options, builder, sourceName);
        }

        if (builder.Host?.Contains(',', StringComparison.Ordinal) == true && builder.TargetSessionAttributes is null)
        {
            // libpq's default is "any", which after a failover can hand writes to the old primary come back as a standby.
            builder.TargetSessionAttributes = "read-write";
        }

        var target = new ConnectionTarget(builder, sourceName);
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        options?.ConfigureDataSource?.Invoke(dataSourceBuilder);
        try
        {
            options?.Retry?.Validate();
            return new SchemaDatabase(dataSourceBuilder.Build(), target, options);
        }
        catch (ArgumentException exception)
        {
            throw new SchemaConfigurationException(
                $"The settings for {target.DisplayName} (from {target.SourceName}) do not fit together: {target.Scrub(exception.Message)}.",
                exception);
        }
    }

    /// <summary>Opens a pooled connection to the primary, the server that takes writes; dispose it to return it to the pool.</summary>
    /// <param name="cancellationToken">Cancels the wait for a connection.</param>
    /// <returns>An open connection.</returns>
    /// <exception cref="SchemaConnectionException">
    /// The server is unreachable, did not answer in time, refused the login or has no such database; or it is a standby
    /// (<see cref="SchemaConnectionFailure.WrongServerRole"/>). The message names host, port and database and says what to check.
    /// </exception>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        OpenConnectionAsync(SchemaSessionTarget.Primary, cancellationToken);

    /// <summary>Opens a pooled connection to the kind of server <paramref name="target"/> asks for; dispose it to return it to the pool.</summary>
    /// <param name="target">The primary, or a standby (see <see cref="SchemaSessionTarget"/>). The connection is not made read-only; sessions are.</param>
    /// <param name="cancellationToken">Cancels the wait for a connection.</param>
    /// <returns>An open connection.</returns>
    /// <exception cref="SchemaConnectionException">
    /// No server could be reached, or none is of the kind asked for (<see cref="SchemaConnectionFailure.WrongServerRole"/> for
    /// one host, <see cref="SchemaConnectionFailure.ServerUnavailable"/> among several); the message says what to check.
    /// </exception>
    public async ValueTask<NpgsqlConnection> OpenConnectionAsync(SchemaSessionTarget target, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await SourceFor(target).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && TranslateOpenFailure(exception, target) is { } failure)
        {
            throw failure;
        }

        return ServerRoles.SeemsRight(connection, target) ? connection : await ConfirmRoleAsync(connection, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The synchronous open of the primary, for dependency-injection factories, which cannot await.</summary>
    internal NpgsqlConnection OpenConnection()
    {
        const SchemaSessionTarget Target = SchemaSessionTarget.Primary;
        NpgsqlConnection connection;
        try
        {
            connection = SourceFor(Target).OpenConnection();
        }
        catch (Exception exception) when (TranslateOpenFailure(exception, Target) is { } failure)
        {
            throw failure;
        }

        if (ServerRoles.SeemsRight(connection, Target))
        {
            return connection;
        }

        try
        {
            if (!ServerRoles.IsStandby(connection))
            {
                return connection;
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        connection.Dispose();
        throw WrongRole(Target);
    }

    /// <summary>Where this database logs; a no-op logger unless <see cref="SchemaDatabaseOptions.LoggerFactory"/> is set.</summary>
    internal ILogger Logger { get; }

    /// <summary>The apply the hosted startup service made, whose long phases may still run: the readiness check reports them.</summary>
    internal ApplyResult? StartupApply { get; set; }

    /// <summary>The retry settings units of work use unless they bring their own.</summary>
    internal SchemaRetryOptions RetryOptions { get; }

    internal ConstraintColumns ConstraintColumns { get; }

    internal ConnectionTarget Target => _target;

    /// <summary>Turns a failed open elsewhere (a session, a command) into the same clear error.</summary>
    internal SchemaConnectionException? TranslateConnectionFailure(Exception exception) =>
        ConnectionFailures.Translate(exception, _target);

    private NpgsqlDataSource SourceFor(SchemaSessionTarget target) => _hosts is null
        ? DataSource
        : _hosts.WithTargetSession(target switch
        {
            SchemaSessionTarget.PreferStandby => TargetSessionAttributes.PreferStandby,
            SchemaSessionTarget.Standby => TargetSessionAttributes.Standby,
            _ => TargetSessionAttributes.ReadWrite,
        });

    private SchemaConnectionException? TranslateOpenFailure(Exception exception, SchemaSessionTarget target)
    {
        if (_hosts is not null && ServerRoles.IsNoSuitableHost(exception))
        {
            // Npgsql remembers each host's role, and that a host was down, for Host Recheck Seconds (10 by default). Forget
            // them, so that the next attempt asks each host again and finds a standby promoted in the meantime.
            _hosts.ClearDatabaseStates();
            return ServerRoles.NoneFits(target, _target, exception);
        }

        return ConnectionFailures.Translate(exception, _target);
    }

    /// <summary>The login said the server is of the wrong kind; ask it, since a reported role can be stale.</summary>
    private async ValueTask<NpgsqlConnection> ConfirmRoleAsync(NpgsqlConnection connection, SchemaSessionTarget target, CancellationToken cancellationToken)
    {
        try
        {
            if (await ServerRoles.IsStandbyAsync(connection, cancellationToken).ConfigureAwait(false) == (target == SchemaSessionTarget.Standby))
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        throw WrongRole(target);
    }

    private SchemaConnectionException WrongRole(SchemaSessionTarget target)
    {
        if (_hosts is null)
        {
            return ServerRoles.WrongRole(target, _target);
        }

        _hosts.ClearDatabaseStates();
        return ServerRoles.NoneFits(target, _target, innerException: null);
    }

    /// <summary>Closes every pooled connection and releases the data source.</summary>
    /// <returns>A task that completes when the pool is closed.</returns>
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>Closes every pooled connection and releases the data source.</summary>
    public void Dispose() => DataSource.Dispose();

    /// <inheritdoc/>
    public override string ToString() => DisplayName;
}
