using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// PgBouncer in transaction pooling mode in front of a local cluster, on a free loopback port. It lives in a
/// <c>pgbouncer</c> folder inside the cluster's, so the cluster's cleanup (dispose, process exit, watchdog, stale
/// sweep) stops it too. Every database of the server is reachable through a wildcard entry; logins are checked
/// against the superuser's SCRAM secret, which PgBouncer then also uses to log in to the server, so no password is
/// written anywhere. It runs as the server's OS user (PgBouncer refuses root), under a small shell that sends its
/// output to <c>pgbouncer.log</c> and reaps it.
/// </summary>
internal sealed class PgBouncerProcess : IDisposable
{
    internal const string FolderName = "pgbouncer";
    internal const string PidFileName = "pgbouncer.pid";
    private const string Launcher = "log=\"$1\"; shift; \"$@\" >>\"$log\" 2>&1 </dev/null";
    private const int StartAttempts = 5;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly Process _parent;

    private PgBouncerProcess(Process parent, string folder, int port)
    {
        _parent = parent;
        Folder = folder;
        Port = port;
    }

    internal string Folder { get; }

    internal int Port { get; }

    internal string LogFile => Path.Combine(Folder, "pgbouncer.log");

    /// <summary>The PgBouncer executable on PATH or in the usual system folders, or null when it is not installed.</summary>
    internal static string? FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/opt/homebrew/bin"]);
        return directories.Select(directory => Path.Combine(directory, "pgbouncer")).FirstOrDefault(File.Exists);
    }

    internal static async ValueTask<PgBouncerProcess> StartAsync(
        string executable, string clusterFolder, int serverPort, string user, string scramSecret, string? toolsUser, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(clusterFolder, FolderName);
        Directory.CreateDirectory(folder);
        var authFile = Path.Combine(folder, "userlist.txt");
        await File.WriteAllTextAsync(authFile, $"\"{Quote(user)}\" \"{Quote(scramSecret)}\"\n", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(authFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (toolsUser is not null)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", toolsUser, folder], null, folder, TimeSpan.FromSeconds(10), cancellationToken)
                .ConfigureAwait(false);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"Could not hand {folder} to the '{toolsUser}' user: {chown.Output}");
            }
        }

        var output = string.Empty;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = LoopbackPort.PickFree();
            var configFile = Path.Combine(folder, "pgbouncer.ini");
            await File.WriteAllTextAsync(configFile, Configuration(folder, authFile, port, serverPort), cancellationToken).ConfigureAwait(false);
            (var started, output) = await TryStartAsync(executable, folder, configFile, port, toolsUser, cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                return started;
            }

            // Another process took the port between our check and the bind: try another one.
            if (!output.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        throw new InvalidOperationException($"PgBouncer did not start in {folder}: {output}");
    }

    /// <summary>Stops PgBouncer at once (SIGKILL: it holds nothing worth a clean shutdown) and waits until it is gone.</summary>
    public void Dispose()
    {
        try
        {
            if (!_parent.HasExited)
            {
                OsProcesses.KillTree(_parent.Id, TimeSpan.FromSeconds(10));
            }

            _parent.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _parent.Dispose();
    }

    /// <summary>Stops the PgBouncer whose pid file is in <paramref name="clusterFolder"/>, left by a process that died.</summary>
    internal static void StopLeftover(string clusterFolder)
    {
        var folder = Path.Combine(clusterFolder, FolderName);
        if (ClusterFolder.ReadPostmasterPid(Path.Combine(folder, PidFileName)) is { } pid &&
            OsProcesses.IsAlive(pid) &&
            OsProcesses.CommandLineContains(pid, folder))
        {
            OsProcesses.KillTree(pid, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// Transaction pooling; a pool big enough for the suite's concurrency (apply pins one server connection per lock it
    /// holds); logins retried after a second rather than fifteen, so a restarted server is found again quickly.
    /// </summary>
    private static string Configuration(string folder, string authFile, int port, int serverPort) => string.Create(CultureInfo.InvariantCulture, $"""
        [databases]
        * = host=127.0.0.1 port={serverPort}

        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = {port}
        unix_socket_dir =
        pidfile = {Path.Combine(folder, PidFileName)}
        auth_type = scram-sha-256
        auth_file = {authFile}
        pool_mode = transaction
        max_client_conn = 400
        default_pool_size = 60
        server_login_retry = 1
        server_connect_timeout = 5
        log_connections = 0
        log_disconnections = 0

        """);

    private static async ValueTask<(PgBouncerProcess? Started, string Output)> TryStartAsync(
        string executable, string folder, string configFile, int port, string? toolsUser, CancellationToken cancellationToken)
    {
        var logFile = Path.Combine(folder, "pgbouncer.log");
        var logStart = LogTail.End(logFile);
        var parent = ProcessRunner.Start("/bin/sh", ["-c", Launcher, "pgbouncer-launcher", logFile, executable, configFile], toolsUser, folder);
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                if (await AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    return (new PgBouncerProcess(parent, folder, port), string.Empty);
                }

                if (parent.HasExited || clock.Elapsed > StartLimit)
                {
                    var log = LogTail.Since(logFile, logStart);
                    ProcessRunner.TryKill(parent);
                    parent.Dispose();
                    return (null, parent.HasExited ? log : $"not listening within {StartLimit.TotalSeconds:0} s. {log}");
                }

                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            ProcessRunner.TryKill(parent);
            parent.Dispose();
            throw;
        }
    }

    private static async ValueTask<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The auth file doubles a double quote inside a quoted value.</summary>
    private static string Quote(string value) => value.Replace("\"", "\"\"", StringComparison.Ordinal);
}
