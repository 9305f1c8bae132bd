using System.Text.Json;

namespace Flint.Functions.Digest;

/// <summary>
/// The rare record whose path or user has JSON escapes (<c>\/</c>, <c>\u00e9</c>): both are unescaped to strings
/// by <see cref="Utf8JsonReader"/> itself and counted through the aggregate's string path, so these records get
/// exactly the typed path's strings (and its failures).
/// </summary>
internal static class AccessLogEscapedFields
{
    public static bool TryAdd(
        ReadOnlySpan<byte> json, int pathStart, int pathLength, bool pathEscaped, int userStart, int userLength, bool userEscaped,
        int status, long bytes, long latencyMicros, DigestAggregate aggregate)
    {
        string path, user;
        try
        {
            path = Unescape(json.Slice(pathStart, pathLength), pathEscaped);
            user = Unescape(json.Slice(userStart, userLength), userEscaped);
        }
        catch (InvalidOperationException)
        {
            return false; // e.g. an escaped lone surrogate: the typed path cannot make a string of it either
        }

        if (path.Length == 0 || path[0] != '/')
        {
            aggregate.AddMalformed(1);
            return true;
        }

        var route = path.Length <= 256 ? stackalloc char[(3 * path.Length) + 4] : new char[(3 * path.Length) + 4];
        var length = PathNormalizer.Normalize(path, route);
        aggregate.AddValidMicros(status, bytes, latencyMicros, route[..length], user.Length == 0 ? DigestAggregate.AnonymousUser : user);
        return true;
    }

    private static string Unescape(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return System.Text.Encoding.UTF8.GetString(raw);
        }

        // Re-read the quoted string to let the reader unescape it.
        var quoted = new byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }
}
