using System.Net;
using System.Net.Sockets;

namespace Flint.Runtime;

/// <summary>
/// One blocking TCP connection to the Runtime API on <see cref="Socket"/>, with Nagle off (requests are small and
/// answered at once). <see cref="Open(RuntimeApiAddress, bool)"/> prefers <see cref="LinuxConnection"/> on Linux.
/// </summary>
internal sealed class SocketConnection : IRuntimeConnection
{
    private static bool libcMissing;

    private readonly Socket socket;

    private SocketConnection(Socket socket)
    {
        this.socket = socket;
    }

    /// <summary>Connects to <paramref name="address"/>; <paramref name="useSystemSockets"/> forces <see cref="Socket"/> on Linux too.</summary>
    public static IRuntimeConnection Open(RuntimeApiAddress address, bool useSystemSockets = false)
    {
        try
        {
            IPAddress[] candidates = IPAddress.TryParse(address.Host, out var ip) ? [ip]
                : string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
                : Dns.GetHostAddresses(address.Host);
            SocketException? last = null;
            foreach (var candidate in candidates)
            {
                try
                {
                    if (OperatingSystem.IsLinux() && !useSystemSockets && !libcMissing)
                    {
                        try
                        {
                            return LinuxConnection.Open(candidate, address.Port);
                        }
                        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
                        {
                            libcMissing = true; // not glibc (say, musl): System.Net.Sockets from now on
                        }
                    }

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
