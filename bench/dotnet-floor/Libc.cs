using System.Runtime.InteropServices;

namespace DotnetFloor;

/// <summary>The libc calls floor.c makes, declared with blittable pointer signatures so no marshalling stub is generated.</summary>
internal static unsafe class Libc
{
    // The full soname, as Flint's LinuxConnection: the one DirectPInvoke binds at link time.
    private const string Name = "libc.so.6";

    public const int SockStream = 1;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;

    // send() on a connection the peer reset raises SIGPIPE; floor.c's write() would die of it, here it is an error return.
    public const int MsgNoSignal = 0x4000;

    /// <summary>glibc's struct addrinfo (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct AddrInfo
    {
        public int Flags;
        public int Family;
        public int SockType;
        public int Protocol;
        public uint AddrLen;
        public void* Addr;
        public byte* CanonName;
        public AddrInfo* Next;
    }

    [DllImport(Name, EntryPoint = "getenv")]
    public static extern byte* GetEnv(byte* name);

    [DllImport(Name, EntryPoint = "getaddrinfo")]
    public static extern int GetAddrInfo(byte* node, byte* service, AddrInfo* hints, AddrInfo** result);

    [DllImport(Name, EntryPoint = "freeaddrinfo")]
    public static extern void FreeAddrInfo(AddrInfo* info);

    [DllImport(Name, EntryPoint = "socket")]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport(Name, EntryPoint = "connect")]
    public static extern int Connect(int fd, void* address, uint length);

    [DllImport(Name, EntryPoint = "setsockopt")]
    public static extern int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [DllImport(Name, EntryPoint = "recv")]
    public static extern nint Recv(int fd, byte* buffer, nuint length, int flags);

    [DllImport(Name, EntryPoint = "send")]
    public static extern nint Send(int fd, byte* buffer, nuint length, int flags);

    [DllImport(Name, EntryPoint = "write")]
    public static extern nint Write(int fd, byte* buffer, nuint length);

    [DllImport(Name, EntryPoint = "close")]
    public static extern int Close(int fd);
}
