using System.Net;
using System.Net.Sockets;

namespace Flint.Runtime;

/// <summary>One blocking TCP connection to the Runtime API, with Nagle off (requests are small and answered at once).</summary>
internal sealed class SocketConnection : IByteSource, IDisposable
{
    private readonly Socket socket;

    private SocketConnection(Socket socket)
    {
        this.socket = socket;
    }

    public static SocketConnection Open(RuntimeApiAddress address)
    {
        try
        {
            if (IPAddress.TryParse(address.Host, out var ip))
            {
                return Open(ip, address.Port);
            }

            SocketException? last = null;
            foreach (var candidate in Dns.GetHostAddresses(address.Host))
            {
                try
                {
                    return Open(candidate, address.Port);
                }
                catch (SocketException ex)
                {
                    last = ex;
                }
            }

            throw last ?? new SocketException((int)SocketError.HostNotFound);
        }
        catch (SocketException ex)
        {
            throw new IOException($"Cannot connect to the Runtime API at {address.Authority}: {ex.Message}", ex);
        }
    }

    public int Read(Span<byte> destination) => socket.Receive(destination, SocketFlags.None);

    public void Send(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data, SocketFlags.None)..];
        }
    }

    /// <summary>True when the peer has sent something (or closed) that a read would return at once.</summary>
    public bool HasPendingInput() => socket.Poll(0, SelectMode.SelectRead);

    public void Dispose() => socket.Dispose();

    private static SocketConnection Open(IPAddress ip, int port)
    {
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(new IPEndPoint(ip, port));
            return new SocketConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
