using System.Buffers.Binary;
using System.Text.Json;

namespace Flint.Functions.Digest;

/// <summary>The access-log properties the digest reads.</summary>
internal enum AccessLogField : byte
{
    Unknown,
    Ts,
    Method,
    Path,
    Status,
    LatencyMs,
    Bytes,
    User,
}

/// <summary>
/// Matches a property name the way the typed context does (<c>PropertyNameCaseInsensitive</c>: ordinal, ignoring
/// case): plain ASCII names are compared on their bytes; escaped or non-ASCII names are unescaped to chars and
/// compared with <see cref="StringComparison.OrdinalIgnoreCase"/>, so the rare cases keep the exact semantics.
/// </summary>
internal static class AccessLogFieldNames
{
    private const int LongestName = 16;

    /// <summary>The field the reader's current property name is, or <see cref="AccessLogField.Unknown"/>.</summary>
    public static AccessLogField Match(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var name = reader.ValueSpan;
            var field = MatchAscii(name);
            if (field != AccessLogField.Unknown || System.Text.Ascii.IsValid(name))
            {
                return field;
            }

            if (!System.Text.Unicode.Utf8.IsValid(name))
            {
                return AccessLogField.Unknown; // the typed path skips it too (no known name decodes from invalid UTF-8)
            }
        }

        return MatchChars(ref reader);
    }

    /// <summary>
    /// ASCII case-insensitive match on whole little-endian words: every name is letters only, so OR-ing 0x20 into
    /// each byte folds case exactly (and maps nothing else onto a lowercase letter).
    /// </summary>
    internal static AccessLogField MatchAscii(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 2:
                return (BinaryPrimitives.ReadUInt16LittleEndian(name) | 0x2020) == Word16("ts"u8) ? AccessLogField.Ts : AccessLogField.Unknown;
            case 4:
                var four = BinaryPrimitives.ReadUInt32LittleEndian(name) | 0x20202020u;
                return four == Word32("path"u8) ? AccessLogField.Path : four == Word32("user"u8) ? AccessLogField.User : AccessLogField.Unknown;
            case 5:
                return (BinaryPrimitives.ReadUInt32LittleEndian(name) | 0x20202020u) == Word32("byte"u8) && (name[4] | 0x20) == 's'
                    ? AccessLogField.Bytes : AccessLogField.Unknown;
            case 6:
                var head = BinaryPrimitives.ReadUInt32LittleEndian(name) | 0x20202020u;
                var tail = BinaryPrimitives.ReadUInt16LittleEndian(name[4..]) | 0x2020;
                return head == Word32("meth"u8) && tail == Word16("od"u8) ? AccessLogField.Method
                    : head == Word32("stat"u8) && tail == Word16("us"u8) ? AccessLogField.Status
                    : AccessLogField.Unknown;
            case 9:
                return (BinaryPrimitives.ReadUInt64LittleEndian(name) | 0x2020202020202020UL) == BinaryPrimitives.ReadUInt64LittleEndian("latencym"u8)
                    && (name[8] | 0x20) == 's' ? AccessLogField.LatencyMs : AccessLogField.Unknown;
            default:
                return AccessLogField.Unknown;
        }
    }

    private static uint Word16(ReadOnlySpan<byte> text) => BinaryPrimitives.ReadUInt16LittleEndian(text);

    private static uint Word32(ReadOnlySpan<byte> text) => BinaryPrimitives.ReadUInt32LittleEndian(text);

    private static AccessLogField MatchChars(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > LongestName * 6)
        {
            return AccessLogField.Unknown; // even fully escaped, longer than any known name
        }

        Span<char> buffer = stackalloc char[LongestName * 6];
        var text = buffer[..reader.CopyString(buffer)];
        return text.Equals("ts", StringComparison.OrdinalIgnoreCase) ? AccessLogField.Ts
            : text.Equals("method", StringComparison.OrdinalIgnoreCase) ? AccessLogField.Method
            : text.Equals("path", StringComparison.OrdinalIgnoreCase) ? AccessLogField.Path
            : text.Equals("status", StringComparison.OrdinalIgnoreCase) ? AccessLogField.Status
            : text.Equals("latencyMs", StringComparison.OrdinalIgnoreCase) ? AccessLogField.LatencyMs
            : text.Equals("bytes", StringComparison.OrdinalIgnoreCase) ? AccessLogField.Bytes
            : text.Equals("user", StringComparison.OrdinalIgnoreCase) ? AccessLogField.User
            : AccessLogField.Unknown;
    }
}
