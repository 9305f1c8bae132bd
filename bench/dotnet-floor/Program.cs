using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using static DotnetFloor.Libc;

namespace DotnetFloor;

/// <summary>
/// The .NET floor: bench/floor/floor.c in C#, step for step — exec, connect, GET /next, echo the event to /response,
/// forever; HTTP/1.1 on one kept-alive socket, bodies framed by Content-Length or chunked, a reconnect when the server
/// closed the connection, no error handling beyond exiting. The same libc calls as floor.c and native buffers like its
/// own, so nothing is allocated on the managed heap: its init beyond floor.c's is the Native AOT runtime's start, and
/// a Flint bootstrap's init beyond this one is Flint's.
/// </summary>
internal static unsafe class Program
{
    private static byte* host; // NUL-terminated, as getaddrinfo wants them
    private static byte* port;
    private static int fd;
    private static byte* buf; // receive buffer: [pos, len) unread
    private static nuint cap;
    private static nuint len;
    private static nuint pos;
    private static byte* requestId;
    private static int requestIdLength;

    public static int Main()
    {
        byte* api;
        fixed (byte* name = "AWS_LAMBDA_RUNTIME_API\0"u8)
        {
            api = GetEnv(name);
        }

        if (api == null)
        {
            Die("AWS_LAMBDA_RUNTIME_API is not set"u8);
        }

        var value = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(api);
        int slash = value.IndexOf((byte)'/'), colon = value.LastIndexOf((byte)':');
        var hostPort = slash >= 0 ? value[..slash] : value;
        var prefix = slash >= 0 ? value[slash..] : default;
        if (prefix.Length > 0 && prefix[^1] == '/')
        {
            prefix = prefix[..^1];
        }

        if (colon < 0 || (slash >= 0 && colon > slash))
        {
            Die("AWS_LAMBDA_RUNTIME_API must be host:port"u8);
        }

        host = CopyTerminated(value[..colon], 256);
        port = CopyTerminated(hostPort[(colon + 1)..], 16);
        var hostName = value[..colon];
        requestId = (byte*)NativeMemory.Alloc(128);

        var next = new Text((byte*)NativeMemory.Alloc(512), 512);
        next.Put("GET "u8);
        next.Put(prefix);
        next.Put("/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: "u8);
        next.Put(hostName);
        next.Put("\r\n\r\n"u8);
        var head = new Text((byte*)NativeMemory.Alloc(1024), 1024);
        byte* evt = null, ignored = null;
        var retried = false;
        ConnectApi();
        while (true)
        {
            SendAll(next.Written);
            requestIdLength = 0;
            if (!ReadResponse(out var status, wantRequestId: true, ref evt, out var eventLength, out var closes))
            {
                if (retried)
                {
                    Die("server closed the connection"u8);
                }

                Close(fd); // a kept-alive connection the server dropped
                ConnectApi();
                retried = true;
                continue;
            }

            retried = false;
            if (status != 200 || requestIdLength == 0)
            {
                Die("GET /next failed"u8);
            }

            if (closes)
            {
                Close(fd);
                ConnectApi();
            }

            head.Clear();
            head.Put("POST "u8);
            head.Put(prefix);
            head.Put("/2018-06-01/runtime/invocation/"u8);
            head.Put(new ReadOnlySpan<byte>(requestId, requestIdLength));
            head.Put("/response HTTP/1.1\r\nHost: "u8);
            head.Put(hostName);
            head.Put("\r\nContent-Length: "u8);
            head.Put(eventLength);
            head.Put("\r\n\r\n"u8);
            SendAll(head.Written);
            SendAll(new ReadOnlySpan<byte>(evt, (int)eventLength));
            if (!ReadResponse(out _, wantRequestId: false, ref ignored, out _, out closes))
            {
                closes = true;
            }

            if (closes)
            {
                Close(fd);
                ConnectApi();
            }
        }
    }

    private static void ConnectApi()
    {
        AddrInfo hints = default; // ai_family 0: AF_UNSPEC
        hints.SockType = SockStream;
        AddrInfo* res;
        if (GetAddrInfo(host, port, &hints, &res) != 0)
        {
            Die("cannot resolve AWS_LAMBDA_RUNTIME_API"u8);
        }

        fd = Socket(res->Family, SockStream, 0);
        if (fd < 0 || Connect(fd, res->Addr, res->AddrLen) != 0)
        {
            Die("cannot connect"u8);
        }

        var one = 1;
        SetSockOpt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
        FreeAddrInfo(res);
        len = pos = 0;
    }

    /// <summary>Reads more bytes; false on EOF.</summary>
    private static bool Fill()
    {
        if (pos > 0 && pos == len)
        {
            pos = len = 0;
        }

        if (len == cap)
        {
            cap = cap == 0 ? 65536 : cap * 2;
            buf = (byte*)NativeMemory.Realloc(buf, cap);
        }

        var n = Recv(fd, buf + len, cap - len, 0);
        if (n <= 0)
        {
            return false;
        }

        len += (nuint)n;
        return true;
    }

    /// <summary>The next line without its CRLF, valid until the next read; false on EOF.</summary>
    private static bool ReadLine(out Span<byte> line)
    {
        while (true)
        {
            var unread = new Span<byte>(buf + pos, (int)(len - pos));
            var nl = unread.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                pos += (nuint)nl + 1;
                line = unread[..(nl > 0 && unread[nl - 1] == '\r' ? nl - 1 : nl)];
                return true;
            }

            if (pos > 0)
            {
                unread.CopyTo(new Span<byte>(buf, unread.Length));
                len -= pos;
                pos = 0;
            }

            if (!Fill())
            {
                line = default;
                return false;
            }
        }
    }

    /// <summary>Appends <paramref name="n"/> body bytes to <paramref name="output"/>.</summary>
    private static void ReadExact(ref byte* output, ref nuint outputLength, nuint n)
    {
        output = (byte*)NativeMemory.Realloc(output, outputLength + n + 1);
        while (n > 0)
        {
            if (pos == len && !Fill())
            {
                Die("connection closed mid-body"u8);
            }

            var take = Math.Min(len - pos, n);
            NativeMemory.Copy(buf + pos, output + outputLength, take);
            outputLength += take;
            pos += take;
            n -= take;
        }
    }

    /// <summary>Reads one response: status, the request id header (into <see cref="requestId"/>), and the body; false if the peer closed first.</summary>
    private static bool ReadResponse(out int status, bool wantRequestId, ref byte* body, out nuint bodyLength, out bool serverCloses)
    {
        bodyLength = 0;
        serverCloses = false;
        if (!ReadLine(out var line))
        {
            status = 0;
            return false;
        }

        var space = line.IndexOf((byte)' ');
        ulong code = 0;
        if (!line.StartsWith("HTTP/1."u8) || space < 0 || !TryParseDecimal(line[(space + 1)..], out code))
        {
            Die("bad status line"u8);
        }

        status = (int)code;
        long contentLength = -1;
        var chunked = false;
        bool more;
        while ((more = ReadLine(out line)) && line.Length > 0)
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].TrimStart((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                contentLength = TryParseDecimal(value, out var n) ? (long)n : 0;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8) && value.IndexOf("chunked"u8) >= 0)
            {
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8) && Ascii.EqualsIgnoreCase(value, "close"u8))
            {
                serverCloses = true;
            }
            else if (wantRequestId && Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Aws-Request-Id"u8))
            {
                requestIdLength = Math.Min(value.Length, 127);
                value[..requestIdLength].CopyTo(new Span<byte>(requestId, 128));
            }
        }

        if (!more)
        {
            Die("connection closed mid-headers"u8);
        }

        if (chunked)
        {
            while (true)
            {
                if (!ReadLine(out line))
                {
                    Die("connection closed mid-chunk"u8);
                }

                var n = ParseHex(line); // chunk extensions after ';' are ignored
                if (n == 0)
                {
                    while (ReadLine(out line) && line.Length > 0)
                    {
                        // trailers
                    }

                    break;
                }

                ReadExact(ref body, ref bodyLength, n);
                if (!ReadLine(out _))
                {
                    Die("connection closed after chunk"u8);
                }
            }
        }
        else if (contentLength > 0)
        {
            ReadExact(ref body, ref bodyLength, (nuint)contentLength);
        }

        return true;
    }

    private static void SendAll(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var p = start;
            var n = (nuint)data.Length;
            while (n > 0)
            {
                var w = Send(fd, p, n, MsgNoSignal);
                if (w <= 0)
                {
                    Die("write failed"u8);
                }

                p += w;
                n -= (nuint)w;
            }
        }
    }

    /// <summary>Leading decimal digits, as atol reads them; false if there are none.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (ulong)(text[i] - '0');
        }

        return i > 0;
    }

    /// <summary>Leading hex digits, as strtoul(…, 16) reads them.</summary>
    private static nuint ParseHex(ReadOnlySpan<byte> text)
    {
        nuint value = 0;
        foreach (var c in text)
        {
            var digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                break;
            }

            value = (value * 16) + (nuint)digit;
        }

        return value;
    }

    private static byte* CopyTerminated(ReadOnlySpan<byte> text, int size)
    {
        var copy = (byte*)NativeMemory.AllocZeroed((nuint)size);
        text[..Math.Min(text.Length, size - 1)].CopyTo(new Span<byte>(copy, size));
        return copy;
    }

    [DoesNotReturn]
    private static void Die(ReadOnlySpan<byte> what)
    {
        WriteError("dotnet-floor: "u8);
        WriteError(what);
        WriteError("\n"u8);
        Environment.Exit(1);
    }

    private static void WriteError(ReadOnlySpan<byte> text)
    {
        fixed (byte* p = text)
        {
            Write(2, p, (nuint)text.Length);
        }
    }

    /// <summary>A request written into a fixed native buffer.</summary>
    private struct Text(byte* start, int capacity)
    {
        private int length;

        public readonly ReadOnlySpan<byte> Written => new(start, length);

        public void Clear() => length = 0;

        public void Put(ReadOnlySpan<byte> text)
        {
            text.CopyTo(new Span<byte>(start + length, capacity - length));
            length += text.Length;
        }

        public void Put(nuint number)
        {
            Utf8Formatter.TryFormat((ulong)number, new Span<byte>(start + length, capacity - length), out var written);
            length += written;
        }
    }
}
