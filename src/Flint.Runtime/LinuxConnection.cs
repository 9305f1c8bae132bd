using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Flint.Runtime;

/// <summary>
/// A blocking TCP connection made with libc's socket calls directly. On Linux, System.Net.Sockets starts its
/// epoll engine and a ".NET Sockets" thread with the first socket, even one only used synchronously; a
/// Lambda runtime needs neither, and Init is shorter without them.
/// </summary>
/// <remarks>glibc only (Lambda's images): elsewhere the first call throws <see cref="DllNotFoundException"/> and the caller falls back.</remarks>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxConnection : IRuntimeConnection
{
    // The full soname: a bare "libc" sends the loader probing a dozen directories for liblibc.so first.
    private const string Libc = "libc.so.6";
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockStreamCloexec = 1 | 0x80000;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int MsgNoSignal = 0x4000;
    private const short PollIn = 1;
    private const int EIntr = 4;

    private int fd;

    private LinuxConnection(int fd)
    {
        this.fd = fd;
    }

    public static LinuxConnection Open(IPAddress ip, int port)
    {
        Span<byte> address = stackalloc byte[28];
        address.Clear();
        int length;
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            BitConverter.TryWriteBytes(address, (ushort)AfInet);
            ip.TryWriteBytes(address[4..], out _);
            length = 16;
        }
        else
        {
            BitConverter.TryWriteBytes(address, (ushort)AfInet6);
            ip.TryWriteBytes(address[8..], out _);
            BitConverter.TryWriteBytes(address[24..], (uint)ip.ScopeId);
            length = 28;
        }

        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        var fd = Check(Socket(ip.AddressFamily == AddressFamily.InterNetwork ? AfInet : AfInet6, SockStreamCloexec, IpProtoTcp));
        try
        {
            var one = 1;
            Check(SetSockOpt(fd, IpProtoTcp, TcpNoDelay, ref one, sizeof(int)));
            while (Connect(fd, ref MemoryMarshal.GetReference(address), length) < 0)
            {
                if (Marshal.GetLastPInvokeError() != EIntr)
                {
                    throw LastError();
                }
            }

            return new LinuxConnection(fd);
        }
        catch
        {
            _ = Close(fd);
            throw;
        }
    }

    public int Read(Span<byte> destination)
    {
        while (true)
        {
            var read = Recv(fd, ref MemoryMarshal.GetReference(destination), destination.Length, 0);
            if (read >= 0)
            {
                return (int)read;
            }

            if (Marshal.GetLastPInvokeError() != EIntr)
            {
                throw LastError();
            }
        }
    }

    public void Send(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = SendBytes(fd, ref MemoryMarshal.GetReference(data), data.Length, MsgNoSignal);
            if (sent >= 0)
            {
                data = data[(int)sent..];
            }
            else if (Marshal.GetLastPInvokeError() != EIntr)
            {
                throw LastError();
            }
        }
    }

    public bool HasPendingInput()
    {
        var poll = new PollFd { Fd = fd, Events = PollIn };
        return Poll(ref poll, 1, 0) > 0;
    }

    public void Dispose()
    {
        if (fd >= 0)
        {
            _ = Close(fd);
            fd = -1;
        }
    }

    private static int Check(int result) => result >= 0 ? result : throw LastError();

    private static SocketException LastError()
    {
        var errno = Marshal.GetLastPInvokeError();
        var error = errno switch
        {
            111 => SocketError.ConnectionRefused,
            104 => SocketError.ConnectionReset,
            32 => SocketError.Shutdown,
            110 => SocketError.TimedOut,
            113 => SocketError.HostUnreachable,
            101 => SocketError.NetworkUnreachable,
            _ => SocketError.SocketError,
        };
        return error == SocketError.SocketError ? new SocketException((int)error, Marshal.GetPInvokeErrorMessage(errno)) : new SocketException((int)error);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);

    [LibraryImport(Libc, EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, ref byte address, int length);

    [LibraryImport(Libc, EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int fd, ref byte buffer, nint length, int flags);

    [LibraryImport(Libc, EntryPoint = "send", SetLastError = true)]
    private static partial nint SendBytes(int fd, ref byte buffer, nint length, int flags);

    [LibraryImport(Libc, EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
