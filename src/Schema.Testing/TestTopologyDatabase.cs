using System;
using System.Globalization;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A database of its own on a <see cref="TestTopology"/>, created on the primary and replicated to the standby, with a
/// connection string for each way in. Disposing it drops it.
/// </summary>
public sealed class TestTopologyDatabase : IAsyncDisposable
{
    private readonly TestTopology _topology;

    internal TestTopologyDatabase(TestTopology topology, TestDatabase database)
    {
        _topology = topology;
        Database = database;
    }

    /// <summary>The database on the primary.</summary>
    public TestDatabase Database { get; }

    /// <summary>The database name.</summary>
    public string Name => Database.Name;

    /// <summary>Npgsql keyword string to the database on the primary, as the superuser.</summary>
    public string PrimaryConnectionString => Database.ConnectionString;

    /// <summary>Npgsql keyword string to the database on the standby (read-only while it is one).</summary>
    public string StandbyConnectionString => WithPort(_topology.StandbyCluster.Port);

    /// <summary>
    /// Npgsql keyword string to the database through PgBouncer (transaction pooling, in front of the primary), with
    /// what an application behind a transaction pooler sets: <c>No Reset On Close=true</c> (<c>?pooler=transaction</c>
    /// in a URL).
    /// </summary>
    /// <exception cref="InvalidOperationException">The topology was started without PgBouncer.</exception>
    public string PgBouncerConnectionString => new NpgsqlConnectionStringBuilder(WithPort(
        _topology.PrimaryCluster.PgBouncerPort ?? throw new InvalidOperationException("This topology was started without PgBouncer (TestTopologyOptions.PgBouncer).")))
    {
        NoResetOnClose = true,
    }.ConnectionString;

    /// <summary>
    /// Npgsql keyword string naming both servers, primary first (<c>Host=127.0.0.1:5433,127.0.0.1:5434</c>): what an
    /// application that fails over, or reads from a standby, is given.
    /// </summary>
    public string MultiHostConnectionString => new NpgsqlConnectionStringBuilder(Database.ConnectionString)
    {
        Host = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{_topology.PrimaryCluster.Port},127.0.0.1:{_topology.StandbyCluster.Port}"),
    }.ConnectionString;

    /// <summary>Drops the database on the primary (the standby follows), unless the primary is down.</summary>
    /// <returns>A task that completes when the database is gone.</returns>
    public ValueTask DisposeAsync() => Database.DisposeAsync();

    /// <inheritdoc/>
    public override string ToString() => Name;

    private string WithPort(int port) => new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = port }.ConnectionString;
}
