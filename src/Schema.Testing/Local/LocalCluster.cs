using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// A throwaway cluster made with the installed PostgreSQL: initdb into a temp folder, the server started on a free
/// loopback port (and stopped with pg_ctl), durability off (fsync, synchronous_commit, full_page_writes) for speed,
/// SCRAM passwords on TCP, and everything removed on dispose or when the process exits.
/// </summary>
internal sealed class LocalCluster : IServerBackend
{
    internal const string Superuser = "postgres";
    private const int StartAttempts = 5;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries _binaries;
    private readonly ClusterFolder _folder;
    private readonly string? _toolsUser;
    private readonly string _password;
    private ClusterWatchdog? _watchdog;
    private PostmasterProcess? _postmaster;
    private PgBouncerProcess? _pgBouncer;
    private int _removed;

    private LocalCluster(PostgresBinaries binaries, ClusterFolder folder, string? toolsUser, string password)
    {
        _binaries = binaries;
        _folder = folder;
        _toolsUser = toolsUser;
        _password = password;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = "postgres",
    }.ConnectionString;

    public string Source => $"local PostgreSQL {_binaries.MajorVersion} at {_binaries.Directory}";

    internal int Port { get; private set; }

    internal ClusterFolder Folder => _folder;

    /// <summary>The port of the PgBouncer in front of this cluster, once <see cref="StartPgBouncerAsync"/> has started it.</summary>
    internal int? PgBouncerPort => _pgBouncer?.Port;

    internal static ValueTask<LocalCluster> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken) =>
        StartAsync(binaries, options: null, cancellationToken);

    internal static async ValueTask<LocalCluster> StartAsync(PostgresBinaries binaries, TestPostgresOptions? options, CancellationToken cancellationToken)
    {
        var toolsUser = OsUser.ToolsUser();
        if (toolsUser is not null && !OsUser.Exists(toolsUser))
        {
            throw new InvalidOperationException(
                $"Running as root needs a '{toolsUser}' OS user to run PostgreSQL (initdb refuses root): create one with " +
                $"'useradd --system {toolsUser}', or set TEST_DATABASE_URL.");
        }

        if (binaries.MajorVersion is > 0 and < 10)
        {
            throw new InvalidOperationException(
                $"PostgreSQL {binaries.MajorVersion} at {binaries.Directory} is too old for a throwaway test cluster: install 10 or newer, or set TEST_DATABASE_URL.");
        }

        StaleClusters.SweepOnce();
        var folder = ClusterFolder.Create(toolsUser);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        SecretsLog.Record(password);
        var cluster = new LocalCluster(binaries, folder, toolsUser, password);
        try
        {
            await cluster.InitAsync(cancellationToken).ConfigureAwait(false);
            if (options is not null)
            {
                await cluster.ConfigureAsync(options, cancellationToken).ConfigureAwait(false);
            }

            await cluster.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            cluster._watchdog = ClusterWatchdog.Start(folder, binaries, toolsUser);
            ProcessExitCleanup.Register(cluster);
            return cluster;
        }
        catch
        {
            cluster.RemoveNow();
            throw;
        }
    }

    /// <summary>
    /// A streaming standby of <paramref name="primary"/>: a copy taken with pg_basebackup (its own replication slot on the
    /// primary, so the primary keeps the WAL the standby still needs), started read-only on a free loopback port. It
    /// has the primary's superuser and password, and finds the password for replication in a passfile in its own folder.
    /// </summary>
    internal static async ValueTask<LocalCluster> StartStandbyAsync(LocalCluster primary, CancellationToken cancellationToken)
    {
        var folder = ClusterFolder.Create(primary._toolsUser);
        var cluster = new LocalCluster(primary._binaries, folder, primary._toolsUser, primary._password);
        try
        {
            await cluster.CopyFromAsync(primary, cancellationToken).ConfigureAwait(false);
            await cluster.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            cluster._watchdog = ClusterWatchdog.Start(folder, cluster._binaries, cluster._toolsUser);
            ProcessExitCleanup.Register(cluster);
            return cluster;
        }
        catch
        {
            cluster.RemoveNow();
            throw;
        }
    }

    /// <summary>
    /// Starts PgBouncer in transaction pooling mode in front of this cluster (see <see cref="PgBouncerProcess"/>); it is
    /// stopped with the cluster.
    /// </summary>
    /// <param name="executable">The pgbouncer executable.</param>
    /// <param name="scramSecret">The superuser's SCRAM secret from pg_authid, for PgBouncer's auth file.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    internal async ValueTask StartPgBouncerAsync(string executable, string scramSecret, CancellationToken cancellationToken)
    {
        if (_pgBouncer is not null)
        {
            throw new InvalidOperationException("This cluster already has a PgBouncer in front of it.");
        }

        _pgBouncer = await PgBouncerProcess.StartAsync(executable, _folder.Path, Port, Superuser, scramSecret, _toolsUser, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>pg_ctl promote: a standby stops replaying and becomes a primary that takes writes.</summary>
    internal async ValueTask PromoteAsync(CancellationToken cancellationToken)
    {
        var result = await PgCtlAsync(["promote", "-D", _folder.DataDirectory, "-w", "-t", "60", "-s"], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl could not promote the standby on port {Port}: {result.Output}");
        }
    }

    /// <summary>pg_ctl stop -m fast: connections end, the data stays for <see cref="RestartAsync"/>.</summary>
    internal async ValueTask StopAsync(CancellationToken cancellationToken)
    {
        var result = await PgCtlAsync(["stop", "-D", _folder.DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded && _folder.RunningPostmasterPid() is not null)
        {
            throw new InvalidOperationException($"pg_ctl could not stop the server: {result.Output}");
        }

        _postmaster?.Dispose();
        _postmaster = null;
    }

    /// <summary>Starts the server again on the same port, after a stop or a kill.</summary>
    internal async ValueTask RestartAsync(CancellationToken cancellationToken)
    {
        if (_folder.RunningPostmasterPid() is not null)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
        }

        var (started, output) = await TryStartAsync(cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            throw new InvalidOperationException($"The PostgreSQL server could not start again on port {Port}: {output}");
        }
    }

    /// <summary>
    /// SIGKILL to the postmaster and its children, as in a crash; the data stays for a restart. Commits acknowledged
    /// before the kill survive it, as they would with synchronous_commit on: the WAL is first pushed to the OS.
    /// </summary>
    internal void Kill()
    {
        if (_folder.RunningPostmasterPid() is { } pid)
        {
            PushCommittedWal();
            OsProcesses.KillTree(pid, TimeSpan.FromSeconds(10));
        }

        _postmaster?.Dispose();
        _postmaster = null;
    }

    /// <summary>
    /// With synchronous_commit off a commit is acknowledged before its WAL leaves shared memory, so a kill would
    /// lose it. One commit with synchronous_commit on flushes the WAL up to it, and so every commit before it; it
    /// must write WAL itself (a WAL message does), or PostgreSQL skips the flush.
    /// </summary>
    private void PushCommittedWal()
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 15, CommandTimeout = 15 };
        try
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_logical_emit_message(true, 'schema-testing', 'flush'); COMMIT;", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // A hung or dying server is just what a crash test may want to kill. The WAL writer still flushes
            // asynchronous commits within three wal_writer_delay rounds (600 ms by default): give it that long.
            Thread.Sleep(TimeSpan.FromMilliseconds(700));
        }
    }

    public ValueTask DisposeAsync()
    {
        RemoveNow();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server at once (its data is discarded anyway) and deletes the folder; never throws.</summary>
    internal void RemoveNow()
    {
        if (Interlocked.Exchange(ref _removed, 1) != 0)
        {
            return;
        }

        try
        {
            _pgBouncer?.Dispose();
            if (_folder.RunningPostmasterPid() is { } pid)
            {
                var stop = ProcessRunner.Run(
                    _binaries.PgCtl, ["stop", "-D", _folder.DataDirectory, "-m", "immediate", "-w", "-t", "20", "-s"], _toolsUser, _folder.Path, TimeSpan.FromSeconds(25));
                if (!stop.Succeeded)
                {
                    OsProcesses.KillTree(pid, TimeSpan.FromSeconds(5));
                }
            }

            SharedMemory.ReleaseLeftover(_folder.PostmasterPidFile);
            ClusterFolder.Delete(_folder.Path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the watchdog and the next run's sweep finish what is left.
        }
        finally
        {
            _postmaster?.Dispose();
            _watchdog?.Release();
            ProcessExitCleanup.Unregister(this);
        }
    }

    /// <summary>Closes the watchdog's pipe as if this process had died; for tests.</summary>
    internal void SimulateOwnerExit() => _watchdog?.SimulateOwnerExit();

    private async ValueTask InitAsync(CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(_folder.Path, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, _password, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await RunToolAsync(
                _binaries.InitDb,
                [
                    "-D", _folder.DataDirectory, "-U", Superuser, "--pwfile=" + passwordFile,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
                ],
                cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"initdb failed in {_folder.Path}: {result.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllTextAsync(Path.Combine(_folder.DataDirectory, "postgresql.conf"), Settings(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// pg_basebackup of <paramref name="primary"/> into this folder, streaming the WAL it needs and writing the standby's
    /// settings (standby.signal, primary_conninfo, primary_slot_name); then this folder's own socket and log settings.
    /// </summary>
    private async ValueTask CopyFromAsync(LocalCluster primary, CancellationToken cancellationToken)
    {
        // The password reaches pg_basebackup, and later the standby's WAL receiver, through a passfile readable by the
        // server's user alone: never on a command line, in the environment or in primary_conninfo.
        var passFile = Path.Combine(_folder.Path, "pgpass");
        await File.WriteAllTextAsync(passFile, string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{primary.Port}:*:{Superuser}:{_password}\n"), cancellationToken)
            .ConfigureAwait(false);
        await HandToToolsUserAsync(passFile, cancellationToken).ConfigureAwait(false);
        var slot = "standby_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var result = await ProcessRunner.RunAsync(
            _binaries.PgBaseBackup,
            [
                "-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-D", _folder.DataDirectory,
                "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--create-slot", "--slot=" + slot, "--no-sync", "--no-password",
            ],
            _toolsUser,
            _folder.Path,
            ToolTimeout,
            cancellationToken,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["PGPASSFILE"] = passFile }).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_basebackup could not copy the primary on port {primary.Port} into {_folder.Path}: {result.Output}");
        }

        // The copied postgresql.conf names the primary's socket folder; later lines win.
        await File.AppendAllTextAsync(Path.Combine(_folder.DataDirectory, "postgresql.conf"), Settings() + "hot_standby_feedback = on\n", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Loopback only, a socket inside the folder, room for many parallel sessions, and no durability: the data
    /// is thrown away anyway, and skipping fsync makes the server start and write several times faster.
    /// </summary>
    private string Settings() => $"""

        # throwaway test cluster
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '{_folder.Path}'
        max_connections = 200
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        dynamic_shared_memory_type = mmap
        log_min_messages = warning
        log_connections = off
        log_disconnections = off

        """;

    /// <summary>Appends the caller's settings and writes its files, owner-only and owned by the server's user.</summary>
    private async ValueTask ConfigureAsync(TestPostgresOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, text) in options.DataFiles)
        {
            var path = Path.Combine(_folder.DataDirectory, name);
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
            // The server refuses a private key that others can read.
            await HandToToolsUserAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var lines = string.Concat(Environment.NewLine, "# caller's settings", Environment.NewLine, string.Join(Environment.NewLine, options.ServerSettings), Environment.NewLine);
        await File.AppendAllTextAsync(Path.Combine(_folder.DataDirectory, "postgresql.conf"), lines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a file written by us owner-only and owned by the server's user.</summary>
    private async ValueTask HandToToolsUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (_toolsUser is not null)
        {
            var chown = await ProcessRunner.RunAsync("chown", [_toolsUser, path], null, _folder.Path, ToolTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"Could not hand {path} to the '{_toolsUser}' user: {chown.Output}");
            }
        }
    }

    private async ValueTask StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        var output = string.Empty;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            Port = LoopbackPort.PickFree();
            (var started, output) = await TryStartAsync(cancellationToken).ConfigureAwait(false);
            if (started)
            {
                return;
            }

            // Another process took the port between our check and the bind: try another one.
            if (!output.Contains("could not bind", StringComparison.OrdinalIgnoreCase) &&
                !output.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        throw new InvalidOperationException($"The PostgreSQL server in {_folder.Path} did not start: {output}");
    }

    private async ValueTask<(bool Started, string Output)> TryStartAsync(CancellationToken cancellationToken)
    {
        RemoveStaleLockFiles();
        _postmaster?.Dispose();
        (_postmaster, var output) = await PostmasterProcess.StartAsync(_binaries, _folder, Port, _toolsUser, cancellationToken)
            .ConfigureAwait(false);
        return (_postmaster is not null, output);
    }

    /// <summary>
    /// After a kill, postmaster.pid and the socket's lock file name a process that is gone or a zombie nobody
    /// reaped yet; the server refuses to start while a live-looking PID is in either.
    /// </summary>
    private void RemoveStaleLockFiles()
    {
        var lockFiles = new List<string> { _folder.PostmasterPidFile };
        lockFiles.AddRange(Directory.EnumerateFiles(_folder.Path, ".s.PGSQL.*.lock"));
        foreach (var lockFile in lockFiles)
        {
            if (ClusterFolder.ReadPostmasterPid(lockFile) is { } pid && !OsProcesses.IsAlive(pid))
            {
                File.Delete(lockFile);
            }
        }
    }

    private ValueTask<ProcessRunner.Result> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunToolAsync(_binaries.PgCtl, arguments, cancellationToken);

    private ValueTask<ProcessRunner.Result> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(tool, arguments, _toolsUser, _folder.Path, ToolTimeout, cancellationToken);
}
