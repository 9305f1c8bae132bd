using System.Buffers;
using System.Text;

namespace Flint.Events;

/// <summary>
/// Decodes the form-URL-encoded object keys of S3 notifications: <c>+</c> is a space,
/// <c>%xx</c> a byte of the key's UTF-8. A <c>%</c> not followed by two hex digits is
/// kept as is (S3 never sends one; a hand-written event might).
/// </summary>
internal static class S3KeyDecoder
{
    public static string Decode(string key)
    {
        if (key.AsSpan().IndexOfAny('+', '%') < 0)
        {
            return key;
        }

        // Every char yields at most 3 UTF-8 bytes; decoding only shrinks.
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(key.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < key.Length; i++)
            {
                var c = key[i];
                if (c == '+')
                {
                    rented[length++] = (byte)' ';
                }
                else if (c == '%' && i + 2 < key.Length && TryHex(key[i + 1], key[i + 2], out var value))
                {
                    rented[length++] = value;
                    i += 2;
                }
                else if (c < 0x80)
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    // A raw non-ASCII char (or surrogate pair): copy its UTF-8 bytes.
                    var take = char.IsHighSurrogate(c) && i + 1 < key.Length ? 2 : 1;
                    length += Encoding.UTF8.GetBytes(key.AsSpan(i, take), rented.AsSpan(length));
                    i += take - 1;
                }
            }

            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryHex(char high, char low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
