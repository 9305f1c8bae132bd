namespace Flint.Runtime;

/// <summary>
/// <c>Transfer-Encoding: chunked</c>, decoded in place: each chunk's data moves down to the end of the
/// body decoded so far, so the body ends up contiguous in the receive buffer with no second copy.
/// </summary>
internal sealed partial class HttpResponseReader
{
    private const int MaxChunkLineBytes = 4096;

    private void ReadChunkedBody(IByteSource source)
    {
        while (true)
        {
            var size = ReadChunkSize(source);
            if (size == 0)
            {
                SkipTrailers(source);
                Body = buffer.AsMemory(origin, written - origin);
                return;
            }

            CopyChunkData(source, size);
            RequireChunkEnd(source);
        }
    }

    /// <summary>Reads <c>1*HEXDIG [ ";" extensions ] CRLF</c>, ignoring extensions.</summary>
    private long ReadChunkSize(IByteSource source)
    {
        var line = ReadLine(source, MaxChunkLineBytes, "chunk size line");
        var digits = line.IndexOfAnyExcept("0123456789abcdefABCDEF"u8);
        if (digits < 0)
        {
            digits = line.Length;
        }

        var tail = line[digits..].TrimStart(" \t"u8);
        if (digits == 0 || (!tail.IsEmpty && tail[0] != (byte)';'))
        {
            throw new HttpProtocolException($"invalid chunk size line {Describe(line)}.");
        }

        if (digits > 15)
        {
            throw new HttpProtocolException($"chunk size {Describe(line[..digits])} is too large.");
        }

        long size = 0;
        foreach (var digit in line[..digits])
        {
            size = (size << 4) | (long)HexValue(digit);
        }

        if (size > Array.MaxLength)
        {
            throw new HttpProtocolException($"chunk size {size} is too large.");
        }

        return size;
    }

    private void CopyChunkData(IByteSource source, long size)
    {
        var remaining = size;
        while (true)
        {
            var available = (int)Math.Min(end - pos, remaining);
            if (written != pos)
            {
                buffer.AsSpan(pos, available).CopyTo(buffer.AsSpan(written));
            }

            written += available;
            pos += available;
            remaining -= available;
            if (pos == end)
            {
                pos = end = written; // all input consumed: read the next bytes right after the body
            }

            if (remaining == 0)
            {
                return;
            }

            if (Fill(source, (int)Math.Min(remaining + 2, MaxGrowStep)) == 0)
            {
                throw new HttpProtocolException(
                    $"the connection closed {remaining} bytes short of the end of a {size}-byte chunk.");
            }
        }
    }

    private void RequireChunkEnd(IByteSource source)
    {
        while (end - pos < 2)
        {
            if (Fill(source, MinRead) == 0)
            {
                throw new HttpProtocolException("the connection closed before the CRLF that ends a chunk.");
            }
        }

        if (!buffer.AsSpan(pos, 2).SequenceEqual(Crlf))
        {
            throw new HttpProtocolException(
                $"chunk data is not followed by CRLF (found {Describe(buffer.AsSpan(pos, 2))}); the chunk size is wrong.");
        }

        pos += 2;
    }

    /// <summary>Skips the trailer fields after the last chunk, up to the blank line that ends the message.</summary>
    private void SkipTrailers(IByteSource source)
    {
        var total = 0;
        while (true)
        {
            var line = ReadLine(source, MaxHeadBytes - total, "trailer section");
            if (line.IsEmpty)
            {
                return;
            }

            total += line.Length + 2;
            if (line.IndexOf((byte)':') <= 0)
            {
                throw new HttpProtocolException($"invalid trailer line {Describe(line)}.");
            }
        }
    }

    /// <summary>Returns the next CRLF-terminated line (without CRLF) and moves past it; the span is valid until the next read.</summary>
    private ReadOnlySpan<byte> ReadLine(IByteSource source, int maxBytes, string what)
    {
        var scanned = 0;
        while (true)
        {
            var found = buffer.AsSpan(pos + scanned, end - pos - scanned).IndexOf(Crlf);
            if (found >= 0)
            {
                var start = pos;
                var length = scanned + found;
                pos += length + 2;
                return buffer.AsSpan(start, length);
            }

            scanned = Math.Max(0, end - pos - 1);
            if (end - pos > maxBytes)
            {
                throw new HttpProtocolException($"the {what} exceeds {maxBytes} bytes without a CRLF.");
            }

            if (Fill(source, MinRead) == 0)
            {
                throw new HttpProtocolException($"the connection closed in the middle of the {what}.");
            }
        }
    }

    private static int HexValue(byte digit) => digit switch
    {
        <= (byte)'9' => digit - '0',
        <= (byte)'F' => digit - 'A' + 10,
        _ => digit - 'a' + 10,
    };
}
