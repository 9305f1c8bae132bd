using System.Buffers;
using Flint.Functions.Digest;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Flint.Benchmarks;

/// <summary>
/// The digest function's span reader as it was before the byte-keyed rewrite (commit f674805), kept here so one run
/// can compare before and after. Adds one access-log record straight from its UTF-8 JSON to a <see cref="DigestAggregate"/>, with no
/// per-record object or string: the path is normalised in a stack buffer and looked up by span, so a string
/// is allocated only for a path or user seen for the first time. Accepts exactly what the typed
/// <see cref="AccessLogRecord"/> deserialization accepts (case-insensitive names, last duplicate wins,
/// unknown fields skipped, strict number and string types).
/// </summary>
internal static class AccessLogSpanReaderBefore
{
    private const int MaxStackChars = 512;

    /// <summary>False when the bytes are not a JSON object of the record's shape (the reader counts it malformed).</summary>
    public static bool TryAdd(ReadOnlySpan<byte> json, DigestAggregate aggregate)
    {
        var fields = default(Fields);
        try
        {
            if (!TryRead(json, ref fields))
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (fields.Ts == default || fields.Method.IsEmpty || fields.Status is < 100 or > 599
            || !double.IsFinite(fields.LatencyMs) || fields.LatencyMs < 0 || fields.LatencyMs >= LatencyHistogram.MaxMilliseconds
            || fields.Bytes < 0)
        {
            aggregate.AddMalformed(1);
            return true;
        }

        // The path: decoded into chars, then normalised; both on the stack for ordinary lengths.
        var raw = json.Slice(fields.Path.Start, fields.Path.Length);
        var maxChars = fields.Path.Length;
        char[]? rented = null;
        // Normalising can grow a path ("/1" -> "/{id}", at most 2.5x): room for the path and 4x it.
        Span<char> buffer = maxChars <= MaxStackChars
            ? stackalloc char[MaxStackChars * 5]
            : (rented = ArrayPool<char>.Shared.Rent(maxChars * 5));
        try
        {
            var path = buffer[..maxChars];
            var length = Decode(raw, fields.Path.Escaped, path);
            path = path[..length];
            if (path.IsEmpty || path[0] != '/')
            {
                aggregate.AddMalformed(1);
                return true;
            }

            var normalised = buffer[maxChars..];
            var written = PathNormalizer.Normalize(path, normalised);
            Span<char> userBuffer = stackalloc char[Math.Min(fields.User.Length, MaxStackChars)];
            scoped ReadOnlySpan<char> user = DigestAggregate.AnonymousUser;
            string? userString = null;
            if (fields.User.Length > 0)
            {
                var userRaw = json.Slice(fields.User.Start, fields.User.Length);
                if (fields.User.Length <= MaxStackChars)
                {
                    user = userBuffer[..Decode(userRaw, fields.User.Escaped, userBuffer)];
                }
                else
                {
                    userString = Unescape(userRaw, fields.User.Escaped);
                    user = userString;
                }
            }

            aggregate.AddValid(fields.Status, fields.Bytes, fields.LatencyMs, normalised[..written], user.IsEmpty ? DigestAggregate.AnonymousUser : user);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> json, ref Fields fields)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Span<char> name = stackalloc char[16];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader, name);
            if (!reader.Read())
            {
                return false;
            }

            switch (field)
            {
                case 't':
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out fields.Ts))
                    {
                        return false;
                    }

                    break;
                case 's':
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out fields.Status))
                    {
                        return false;
                    }

                    break;
                case 'l':
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out fields.LatencyMs))
                    {
                        return false;
                    }

                    break;
                case 'b':
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out fields.Bytes))
                    {
                        return false;
                    }

                    break;
                case 'm' or 'p' or 'u':
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return false;
                    }

                    var slice = reader.TokenType == JsonTokenType.Null
                        ? default
                        : new Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    if (field == 'm')
                    {
                        fields.Method = slice;
                    }
                    else if (field == 'p')
                    {
                        fields.Path = slice;
                    }
                    else
                    {
                        fields.User = slice;
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Which known field a property name is (ASCII case-insensitive, like the typed context), or '\0'.</summary>
    private static char Field(ref Utf8JsonReader reader, scoped Span<char> name)
    {
        if (reader.ValueSpan.Length > name.Length && !reader.ValueIsEscaped)
        {
            return '\0';
        }

        int length;
        try
        {
            length = reader.CopyString(name);
        }
        catch (ArgumentException)
        {
            return '\0'; // longer than any known name once unescaped
        }

        var text = name[..length];
        return text.Equals("ts", StringComparison.OrdinalIgnoreCase) ? 't'
            : text.Equals("method", StringComparison.OrdinalIgnoreCase) ? 'm'
            : text.Equals("path", StringComparison.OrdinalIgnoreCase) ? 'p'
            : text.Equals("status", StringComparison.OrdinalIgnoreCase) ? 's'
            : text.Equals("latencyMs", StringComparison.OrdinalIgnoreCase) ? 'l'
            : text.Equals("bytes", StringComparison.OrdinalIgnoreCase) ? 'b'
            : text.Equals("user", StringComparison.OrdinalIgnoreCase) ? 'u'
            : '\0';
    }

    private static int Decode(ReadOnlySpan<byte> raw, bool escaped, Span<char> destination)
    {
        if (!escaped)
        {
            return System.Text.Encoding.UTF8.GetChars(raw, destination);
        }

        var text = Unescape(raw, escaped);
        text.CopyTo(destination);
        return text.Length;
    }

    private static string Unescape(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return System.Text.Encoding.UTF8.GetString(raw);
        }

        // Rare: re-read the quoted string to let the reader unescape it.
        var quoted = new byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Where a string value sits in the record's bytes (without quotes).</summary>
    private readonly record struct Slice(int Start, int Length, bool Escaped)
    {
        public bool IsEmpty => Length == 0;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Fields
    {
        public DateTimeOffset Ts;
        public int Status;
        public double LatencyMs;
        public long Bytes;
        public Slice Method;
        public Slice Path;
        public Slice User;
    }
}
