using System.Buffers;
using System.Text;

namespace Flint.Runtime;

/// <summary>
/// Reads HTTP/1.1 responses from one kept-alive connection into a single pooled buffer: the status line,
/// the headers the caller asked for, and a body framed by <c>Content-Length</c>, by
/// <c>Transfer-Encoding: chunked</c> (decoded in place) or by the connection closing.
/// Robust to reads split anywhere; any framing error is an <see cref="HttpProtocolException"/>.
/// </summary>
/// <remarks>The body (and the buffer under it) is valid until the next <see cref="Read"/>.</remarks>
internal sealed partial class HttpResponseReader : IDisposable
{
    internal const int MaxHeadBytes = 64 * 1024;
    private const int MinRead = 4096;
    private const int MaxGrowStep = 8 * 1024 * 1024;

    private readonly byte[][] wantedHeaders;
    // Each wanted header's raw value is copied into its own reusable buffer (length -1: absent); its string is made
    // on first ask and reused while the bytes repeat, so a header nobody reads as a string allocates nothing.
    private readonly byte[][] headerBytes;
    private readonly int[] headerLengths;
    private readonly string?[] headerValues;
    private readonly string?[] lastHeaderValues;
    private byte[] buffer;

    // Bytes before origin may be discarded; [origin, written) is decoded body; [pos, end) is unparsed input.
    private int origin;
    private int written;
    private int pos;
    private int end;

    /// <summary>Creates a reader that keeps the values of <paramref name="wantedHeaders"/> (ASCII names, any case).</summary>
    public HttpResponseReader(byte[][] wantedHeaders, int initialBufferSize = 16 * 1024)
    {
        this.wantedHeaders = wantedHeaders;
        headerBytes = new byte[wantedHeaders.Length][];
        headerLengths = new int[wantedHeaders.Length];
        headerValues = new string?[wantedHeaders.Length];
        lastHeaderValues = new string?[wantedHeaders.Length];
        Array.Fill(headerBytes, []);
        Array.Fill(headerLengths, -1);
        buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
    }

    /// <summary>The status code of the last response.</summary>
    public int StatusCode { get; private set; }

    /// <summary>True once the last response's status line and headers were read (even if its body then failed).</summary>
    public bool HeadComplete { get; private set; }

    /// <summary>The server asked to close the connection, or the body was framed by the close.</summary>
    public bool ConnectionClose { get; private set; }

    /// <summary>The decoded body of the last response; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>Whether any byte of the response being read has arrived (false means a clean close before it).</summary>
    public bool AnyByteReceived => end > 0;

    /// <summary>The value of the <paramref name="index"/>th wanted header in the last response, or null.</summary>
    public string? Header(int index)
    {
        var length = headerLengths[index];
        if (length < 0)
        {
            return null;
        }

        if (headerValues[index] is { } known)
        {
            return known;
        }

        var value = headerBytes[index].AsSpan(0, length);
        var previous = lastHeaderValues[index];
        return headerValues[index] = lastHeaderValues[index] = previous is not null && Ascii.Equals(value, previous)
            ? previous
            : Encoding.UTF8.GetString(value);
    }

    /// <summary>Whether the last response carried the <paramref name="index"/>th wanted header.</summary>
    public bool HasHeader(int index) => headerLengths[index] >= 0;

    /// <summary>The raw bytes of the <paramref name="index"/>th wanted header (empty when absent); valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> HeaderBytes(int index) => headerLengths[index] < 0 ? default : headerBytes[index].AsSpan(0, headerLengths[index]);

    /// <summary>
    /// Reads one complete response (skipping interim 1xx ones). Returns false when the source closed before
    /// sending any byte of it, the sign of a kept-alive connection the server has dropped.
    /// </summary>
    public bool Read(IByteSource source)
    {
        Begin();
        while (true)
        {
            var headEnd = ReadHead(source);
            if (headEnd < 0)
            {
                return false;
            }

            ParseHead(buffer.AsSpan(0, headEnd), out var contentLength, out var chunked);
            origin = written = pos = headEnd;
            if (StatusCode is >= 100 and < 200)
            {
                Shift(); // an interim response has no body; the real one follows
                continue;
            }

            if (StatusCode is 204 or 304)
            {
                Body = ReadOnlyMemory<byte>.Empty;
            }
            else if (chunked)
            {
                ReadChunkedBody(source);
            }
            else if (contentLength >= 0)
            {
                ReadFixedBody(source, contentLength);
            }
            else
            {
                ReadUntilClose(source);
            }

            return true;
        }
    }

    /// <summary>Forgets any unread bytes, after the connection they came from was closed.</summary>
    public void DiscardInput()
    {
        origin = written = pos = end = 0;
    }

    public void Dispose()
    {
        var old = buffer;
        buffer = [];
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }

    private void Begin()
    {
        // Unread input (a pipelined byte or two) moves to the front; the previous body is dropped.
        origin = written = pos;
        Shift();
        StatusCode = 0;
        HeadComplete = false;
        ConnectionClose = false;
        Body = ReadOnlyMemory<byte>.Empty;
        Array.Clear(headerValues);
        Array.Fill(headerLengths, -1);
    }

    /// <summary>Returns the offset just past the blank line that ends the head, or -1 on a clean close.</summary>
    private int ReadHead(IByteSource source)
    {
        var scanned = 0;
        while (true)
        {
            var found = buffer.AsSpan(scanned, end - scanned).IndexOf("\r\n\r\n"u8);
            if (found >= 0)
            {
                // Checked here too: a buffer grown by an earlier big event may hold a whole oversized head at once.
                return scanned + found + 4 <= MaxHeadBytes
                    ? scanned + found + 4
                    : throw new HttpProtocolException($"the status line and headers exceed {MaxHeadBytes} bytes.");
            }

            scanned = Math.Max(0, end - 3);
            if (end >= MaxHeadBytes)
            {
                throw new HttpProtocolException($"the status line and headers exceed {MaxHeadBytes} bytes.");
            }

            if (Fill(source, MinRead) == 0)
            {
                return end == 0 ? -1 : throw new HttpProtocolException(
                    $"the connection closed after {end} bytes of the status line and headers.");
            }
        }
    }

    private void ReadFixedBody(IByteSource source, long contentLength)
    {
        if (contentLength > Array.MaxLength - MaxHeadBytes)
        {
            throw new HttpProtocolException($"Content-Length {contentLength} is too large.");
        }

        var length = (int)contentLength;
        while (end - origin < length)
        {
            var missing = length - (end - origin);
            if (Fill(source, Math.Min(missing, MaxGrowStep)) == 0)
            {
                throw new HttpProtocolException(
                    $"the connection closed after {end - origin} of {length} body bytes (Content-Length).");
            }
        }

        Body = buffer.AsMemory(origin, length);
        pos = origin + length;
    }

    private void ReadUntilClose(IByteSource source)
    {
        ConnectionClose = true;
        while (Fill(source, MinRead) > 0)
        {
        }

        Body = buffer.AsMemory(origin, end - origin);
        pos = end;
    }

    /// <summary>Reads more input after <c>end</c>, first making room for at least <paramref name="minFree"/> bytes.</summary>
    private int Fill(IByteSource source, int minFree)
    {
        if (buffer.Length - end < minFree)
        {
            Shift();
            if (buffer.Length - end < minFree)
            {
                Grow((long)end + minFree);
            }
        }

        var read = source.Read(buffer.AsSpan(end));
        end += read;
        return read;
    }

    /// <summary>Drops the bytes before <c>origin</c> by moving the rest to the front.</summary>
    private void Shift()
    {
        if (origin == 0)
        {
            return;
        }

        buffer.AsSpan(origin, end - origin).CopyTo(buffer);
        written -= origin;
        pos -= origin;
        end -= origin;
        origin = 0;
    }

    private void Grow(long needed)
    {
        if (needed > Array.MaxLength)
        {
            throw new HttpProtocolException("the response body is too large to buffer.");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, buffer.Length * 2L));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, end).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes.Length > 64 ? bytes[..64] : bytes;
        var text = Encoding.ASCII.GetString(shown).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return bytes.Length > 64 ? "\"" + text + "...\"" : "\"" + text + "\"";
    }
}
