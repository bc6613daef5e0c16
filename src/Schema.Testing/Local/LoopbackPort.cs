using System.Net;
using System.Net.Sockets;

namespace Schemata;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
internal static class LoopbackPort
{
    /// <remarks>
    /// Another process can take the port between this check and the server's bind; the caller retries with a
    /// new port when the server reports it could not bind.
    /// </remarks>
    internal static int PickFree()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
