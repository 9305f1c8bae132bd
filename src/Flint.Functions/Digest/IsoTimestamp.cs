namespace Flint.Functions.Digest;

/// <summary>What a quick look at a <c>ts</c> value decided.</summary>
internal enum TimestampShape : byte
{
    /// <summary>Not the common shape: parse it properly.</summary>
    Unknown,

    /// <summary>A valid timestamp other than <c>default(DateTimeOffset)</c>.</summary>
    Valid,

    /// <summary>Exactly <c>default(DateTimeOffset)</c>, which the digest counts as missing.</summary>
    Default,
}

/// <summary>
/// Recognises the common UTC shape <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}]Z</c> with every part in range, without building
/// a <see cref="DateTimeOffset"/>: the digest only needs to know that <c>ts</c> is valid and not the default.
/// Everything this accepts, <c>Utf8JsonReader.TryGetDateTimeOffset</c> accepts too; anything else is
/// <see cref="TimestampShape.Unknown"/> and goes to it.
/// </summary>
internal static class IsoTimestamp
{
    public static TimestampShape Check(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text.Length > 28 || text[^1] != 'Z'
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return TimestampShape.Unknown;
        }

        if (text.Length > 20)
        {
            // ".f" to ".fffffff" before the Z.
            if (text.Length == 21 || text[19] != '.' || text[20..^1].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            {
                return TimestampShape.Unknown;
            }
        }

        if (!TryTwo(text, 0, out var century) || !TryTwo(text, 2, out var yy) || !TryTwo(text, 5, out var month)
            || !TryTwo(text, 8, out var day) || !TryTwo(text, 11, out var hour) || !TryTwo(text, 14, out var minute)
            || !TryTwo(text, 17, out var second))
        {
            return TimestampShape.Unknown;
        }

        var year = (century * 100) + yy;
        // Year 1 could be the default value; leave it (and every out-of-range part) to the full parser.
        if (year < 2 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return TimestampShape.Unknown;
        }

        return TimestampShape.Valid;
    }

    private static bool TryTwo(ReadOnlySpan<byte> text, int at, out int value)
    {
        var tens = text[at] - '0';
        var ones = text[at + 1] - '0';
        value = (tens * 10) + ones;
        return (uint)tens <= 9 && (uint)ones <= 9;
    }
}
