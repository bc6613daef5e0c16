using System;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace Schemata;

/// <summary>
/// Asks whether a Docker engine answers, cheaply: when there is no socket file the answer costs a few file
/// checks; when there is one, a single <c>GET /_ping</c> with a half-second limit.
/// </summary>
internal static class DockerProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    internal static bool EngineAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host))
        {
            return host switch
            {
                _ when host.StartsWith("unix://", StringComparison.Ordinal) => Ping(new UnixDomainSocketEndPoint(host["unix://".Length..])),
                _ when host.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri) =>
                    TcpAnswers(uri.Host, uri.Port),
                _ => false,
            };
        }

        if (OperatingSystem.IsWindows())
        {
            return File.Exists(@"\\.\pipe\docker_engine");
        }

        foreach (var socket in SocketCandidates())
        {
            if (File.Exists(socket) && Ping(new UnixDomainSocketEndPoint(socket)))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] SocketCandidates()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return
        [
            "/var/run/docker.sock",
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
            string.IsNullOrEmpty(runtime) ? "/nonexistent" : Path.Combine(runtime, "docker.sock"),
        ];
    }

    private static bool Ping(UnixDomainSocketEndPoint endPoint)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)Limit.TotalMilliseconds;
            if (!socket.ConnectAsync(endPoint).Wait(Limit))
            {
                return false;
            }

            socket.Send(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("HTTP/1.", StringComparison.Ordinal) && answer.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AggregateException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>A TCP engine may need TLS; that it accepts the connection is answer enough.</summary>
    private static bool TcpAnswers(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(Limit) && client.Connected;
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    }
}
