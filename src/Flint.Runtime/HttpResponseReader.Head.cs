using System.Buffers.Text;
using System.Text;

namespace Flint.Runtime;

/// <summary>Status line and header parsing.</summary>
internal sealed partial class HttpResponseReader
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> ContentLengthName => "Content-Length"u8;

    private static ReadOnlySpan<byte> TransferEncodingName => "Transfer-Encoding"u8;

    private static ReadOnlySpan<byte> ConnectionName => "Connection"u8;

    /// <summary>Parses <paramref name="head"/> (status line, headers, blank line) into the reader's state.</summary>
    private void ParseHead(ReadOnlySpan<byte> head, out long contentLength, out bool chunked)
    {
        contentLength = -1;
        chunked = false;
        var lineEnd = head.IndexOf(Crlf);
        StatusCode = ParseStatusLine(head[..lineEnd]);
        var rest = head[(lineEnd + 2)..];
        while (true)
        {
            lineEnd = rest.IndexOf(Crlf);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[colon - 1] is (byte)' ' or (byte)'\t' || line[0] is (byte)' ' or (byte)'\t')
            {
                throw new HttpProtocolException($"invalid header line {Describe(line)}.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, ContentLengthName))
            {
                var length = ParseContentLength(value);
                if (contentLength >= 0 && contentLength != length)
                {
                    throw new HttpProtocolException($"conflicting Content-Length headers ({contentLength} and {length}).");
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, TransferEncodingName))
            {
                if (!Ascii.EqualsIgnoreCase(value, "chunked"u8))
                {
                    throw new HttpProtocolException($"unsupported Transfer-Encoding {Describe(value)}.");
                }

                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, ConnectionName))
            {
                ConnectionClose |= ContainsIgnoreCase(value, "close"u8);
            }
            else
            {
                StoreWanted(name, value);
            }
        }

        HeadComplete = true;
    }

    private void StoreWanted(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < wantedHeaders.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(name, wantedHeaders[i]))
            {
                if (headerBytes[i].Length < value.Length)
                {
                    headerBytes[i] = new byte[Math.Max(value.Length, 2 * headerBytes[i].Length)];
                }

                value.CopyTo(headerBytes[i]);
                headerLengths[i] = value.Length;
                headerValues[i] = null; // a repeated header: the last one wins
                return;
            }
        }
    }

    private static int ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200 OK": version, one space, three digits, then a space and a reason (which may be empty).
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' '
            || (line.Length > 12 && line[12] != (byte)' ')
            || !Utf8Parser.TryParse(line.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new HttpProtocolException($"invalid status line {Describe(line)}.");
        }

        return status;
    }

    private static long ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 18 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw new HttpProtocolException($"invalid Content-Length {Describe(value)}.");
        }

        long length = 0;
        foreach (var digit in value)
        {
            length = (length * 10) + (digit - '0');
        }

        return length;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token))
            {
                return true;
            }
        }

        return false;
    }
}
