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

    /// <summary>ASCII case-insensitive match; every name is letters only, so OR-ing 0x20 folds case exactly.</summary>
    internal static AccessLogField MatchAscii(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when Is(name, "ts"u8) => AccessLogField.Ts,
        4 when Is(name, "path"u8) => AccessLogField.Path,
        4 when Is(name, "user"u8) => AccessLogField.User,
        5 when Is(name, "bytes"u8) => AccessLogField.Bytes,
        6 when Is(name, "method"u8) => AccessLogField.Method,
        6 when Is(name, "status"u8) => AccessLogField.Status,
        9 when Is(name, "latencyms"u8) => AccessLogField.LatencyMs,
        _ => AccessLogField.Unknown,
    };

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowercase)
    {
        for (var i = 0; i < lowercase.Length; i++)
        {
            if ((name[i] | 0x20) != lowercase[i])
            {
                return false;
            }
        }

        return true;
    }

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
