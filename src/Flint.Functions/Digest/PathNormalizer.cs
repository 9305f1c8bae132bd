namespace Flint.Functions.Digest;

/// <summary>
/// Folds request paths into routes: the query string and fragment are dropped, and every segment
/// that is a number or a UUID becomes <c>{id}</c> (<c>/users/123/orders/9?x=1</c> → <c>/users/{id}/orders/{id}</c>).
/// </summary>
internal static class PathNormalizer
{
    internal const string IdSegment = "{id}";

    /// <summary>The normalised path; returns <paramref name="path"/> itself when nothing changes.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var span = path.AsSpan();
        var end = span.IndexOfAny('?', '#');
        if (end >= 0)
        {
            span = span[..end];
        }

        if (!HasIdSegment(span))
        {
            return end >= 0 ? span.ToString() : path;
        }

        var builder = new System.Text.StringBuilder(span.Length);
        foreach (var range in span.Split('/'))
        {
            if (range.Start.Value > 0)
            {
                builder.Append('/');
            }

            var segment = span[range];
            if (IsId(segment))
            {
                builder.Append(IdSegment);
            }
            else
            {
                builder.Append(segment);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes the normalised <paramref name="path"/> into <paramref name="destination"/> (at least 4x the path's
    /// length) and returns its length; allocation-free.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> path, Span<char> destination)
    {
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        var written = 0;
        foreach (var range in path.Split('/'))
        {
            if (range.Start.Value > 0)
            {
                destination[written++] = '/';
            }

            var segment = path[range];
            var replacement = IsId(segment) ? IdSegment.AsSpan() : segment;
            replacement.CopyTo(destination[written..]);
            written += replacement.Length;
        }

        return written;
    }

    /// <summary>
    /// The same normalisation on UTF-8 bytes: writes into <paramref name="destination"/> (at least 3x the path's
    /// length + 4: an id segment of one byte grows to four) and returns the length. Multi-byte characters never
    /// contain the ASCII bytes looked for, so the result is the UTF-8 of the string overload's result.
    /// </summary>
    public static int Normalize(ReadOnlySpan<byte> path, Span<byte> destination)
    {
        // One scalar pass (paths are short): copy each byte, and at each segment's end replace an id segment.
        var written = 0;
        var segmentStart = 0;   // in destination
        var digitsOnly = true;  // the current segment so far
        foreach (var b in path)
        {
            if (b is (byte)'?' or (byte)'#')
            {
                break;
            }

            if (b == '/')
            {
                written = EndSegment(destination, segmentStart, written, digitsOnly);
                destination[written++] = b;
                segmentStart = written;
                digitsOnly = true;
                continue;
            }

            digitsOnly &= (uint)(b - '0') <= 9;
            destination[written++] = b;
        }

        return EndSegment(destination, segmentStart, written, digitsOnly);
    }

    private static int EndSegment(Span<byte> destination, int start, int end, bool digitsOnly)
    {
        var length = end - start;
        if (length == 0 || !(digitsOnly || (length == 36 && IsUuid(destination.Slice(start, 36)))))
        {
            return end;
        }

        "{id}"u8.CopyTo(destination[start..]);
        return start + 4;
    }

    private static bool HasIdSegment(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            if (IsId(path[range]))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsId(ReadOnlySpan<char> segment) => IsNumber(segment) || IsUuid(segment);

    private static bool IsUuid(ReadOnlySpan<byte> segment)
    {
        for (var i = 0; i < 36; i++)
        {
            var c = segment[i];
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? c != '-' : !char.IsAsciiHexDigit((char)c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> segment) =>
        !segment.IsEmpty && !segment.ContainsAnyExceptInRange('0', '9');

    // 8-4-4-4-12 hex digits, either case.
    private static bool IsUuid(ReadOnlySpan<char> segment)
    {
        if (segment.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var c = segment[i];
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? c != '-' : !char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
