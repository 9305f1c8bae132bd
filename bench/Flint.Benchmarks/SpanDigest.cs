using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Flint.Functions.Digest;

namespace Flint.Benchmarks;

/// <summary>
/// A sketch of the digest aggregation on raw record bytes (RecordReader's span overload): one Utf8JsonReader pass
/// per record, no record object, paths normalized in a stack buffer and counted through the dictionaries'
/// span lookups, so a record allocates nothing once its path and user are known. Same validity rules and totals
/// as <see cref="DigestAggregate"/> (checked in the suite's set-up); property names are matched exactly
/// (camelCase), where the typed path also accepts other casings.
/// </summary>
internal sealed class SpanDigest
{
    private readonly long[] statusClasses = new long[5];
    private readonly Dictionary<string, long> paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> pathLookup;
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> userLookup;

    public SpanDigest()
    {
        pathLookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        userLookup = users.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Requests { get; private set; }

    public long Malformed { get; private set; }

    public long Bytes { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public IReadOnlyDictionary<string, long> Paths => paths;

    public IReadOnlyDictionary<string, long> Users => users;

    /// <summary>Counts one record; false when it is not JSON (the reader then counts it as malformed).</summary>
    public bool Add(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var hasTs = false;
        var methodLength = 0;
        ReadOnlySpan<byte> path = default, user = default;
        var status = 0;
        double latency = 0;
        long bytes = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                hasTs = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var ts) && ts != default;
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                methodLength = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length : 0;
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                reader.Read();
                path = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan : (ReadOnlySpan<byte>)Unescaped(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var s) ? s : 0;
            }
            else if (reader.ValueTextEquals("latencyMs"u8))
            {
                reader.Read();
                latency = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var l) ? l : -1;
            }
            else if (reader.ValueTextEquals("bytes"u8))
            {
                reader.Read();
                bytes = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var b) ? b : -1;
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                reader.Read();
                user = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan : (ReadOnlySpan<byte>)Unescaped(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasTs || methodLength == 0 || path.IsEmpty || path[0] != (byte)'/' || status is < 100 or > 599
            || !double.IsFinite(latency) || latency < 0 || latency >= LatencyHistogram.MaxMilliseconds || bytes < 0)
        {
            Malformed++;
            return true;
        }

        Requests++;
        statusClasses[(status / 100) - 1]++;
        Bytes += bytes;
        Latency.RecordMilliseconds(latency);
        CountPath(path);
        Count(userLookup, user.IsEmpty ? "-"u8 : user);
        return true;
    }

    private void CountPath(ReadOnlySpan<byte> utf8Path)
    {
        Span<char> text = stackalloc char[512];
        Span<char> normalized = stackalloc char[5 * 512]; // "/1" segments grow to "/{id}"
        if (utf8Path.Length > text.Length)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(paths, PathNormalizer.Normalize(Encoding.UTF8.GetString(utf8Path)), out _)++;
            return;
        }

        var path = text[..Encoding.UTF8.GetChars(utf8Path, text)];
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        var length = 0;
        foreach (var range in path.Split('/'))
        {
            if (range.Start.Value > 0)
            {
                normalized[length++] = '/';
            }

            var segment = path[range];
            var part = PathNormalizer.IsId(segment) ? PathNormalizer.IdSegment.AsSpan() : segment;
            part.CopyTo(normalized[length..]);
            length += part.Length;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(pathLookup, (ReadOnlySpan<char>)normalized[..length], out _)++;
    }

    private static void Count(Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<byte> utf8)
    {
        Span<char> text = stackalloc char[256];
        if (utf8.Length > text.Length)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(lookup.Dictionary, Encoding.UTF8.GetString(utf8), out _)++;
            return;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(lookup, (ReadOnlySpan<char>)text[..Encoding.UTF8.GetChars(utf8, text)], out _)++;
    }

    private static byte[] Unescaped(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? Encoding.UTF8.GetBytes(reader.GetString()!) : [];
}
