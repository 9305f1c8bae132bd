using System.Net;
using System.Net.Sockets;

namespace Flint.Testing;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class Ports
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (the OS picks it, so parallel tests do not collide).</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
