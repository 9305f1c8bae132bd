using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Flint.Functions.Digest;

/// <summary>
/// Adds one access-log record straight from its UTF-8 JSON to a <see cref="DigestAggregate"/>, with no
/// per-record object or string: one <see cref="Utf8JsonReader"/> pass, property names matched on their bytes,
/// the path normalised in a stack buffer and counted by its UTF-8 bytes, so a string is allocated only for a
/// path or user seen for the first time. Accepts exactly what the typed <see cref="AccessLogRecord"/>
/// deserialization accepts (case-insensitive names, last duplicate wins, unknown fields skipped, strict number
/// and string types, nothing after the object).
/// </summary>
internal static class AccessLogSpanReader
{
    private const int MaxStackBytes = 256;

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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false; // not JSON, or a name with an escaped lone surrogate
        }

        if (!fields.HasTs || fields.Method.IsEmpty || fields.Status is < 100 or > 599 || fields.LatencyOutOfRange || fields.Bytes < 0)
        {
            aggregate.AddMalformed(1);
            return true;
        }

        if (fields.Path.Escaped || fields.User.Escaped)
        {
            return AccessLogEscapedFields.TryAdd(json, fields.Path.Start, fields.Path.Length, fields.Path.Escaped,
                fields.User.Start, fields.User.Length, fields.User.Escaped, fields.Status, fields.Bytes, fields.LatencyMicros, aggregate);
        }

        var path = json.Slice(fields.Path.Start, fields.Path.Length);
        if (path.IsEmpty || path[0] != '/')
        {
            aggregate.AddMalformed(1);
            return true;
        }

        // Normalising grows a path by at most 2.5x ("/1" -> "/{id}").
        var size = (3 * path.Length) + 4;
        byte[]? rented = null;
        Span<byte> route = path.Length <= MaxStackBytes ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        var written = PathNormalizer.Normalize(path, route);
        aggregate.AddValidUtf8(fields.Status, fields.Bytes, fields.LatencyMicros, route[..written], json.Slice(fields.User.Start, fields.User.Length));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> json, ref Fields fields)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = AccessLogFieldNames.Match(ref reader);
            if (!reader.Read())
            {
                return false;
            }

            switch (field)
            {
                case AccessLogField.Ts:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    var ts = reader.ValueIsEscaped ? TimestampShape.Unknown : IsoTimestamp.Check(reader.ValueSpan);
                    if (ts == TimestampShape.Unknown)
                    {
                        // Anything but the common UTC shape: let the reader decide, as the typed path does.
                        if (!reader.TryGetDateTimeOffset(out var value))
                        {
                            return false;
                        }

                        ts = value == default ? TimestampShape.Default : TimestampShape.Valid;
                    }

                    fields.HasTs = ts == TimestampShape.Valid;
                    break;
                case AccessLogField.Status:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out fields.Status))
                    {
                        return false;
                    }

                    break;
                case AccessLogField.LatencyMs:
                    if (reader.TokenType != JsonTokenType.Number || !TryLatency(ref reader, out fields.LatencyOutOfRange, out fields.LatencyMicros))
                    {
                        return false;
                    }

                    break;
                case AccessLogField.Bytes:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out fields.Bytes))
                    {
                        return false;
                    }

                    break;
                case AccessLogField.Method or AccessLogField.Path or AccessLogField.User:
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return false;
                    }

                    var slice = default(Slice);
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        // The typed path cannot make a string of invalid UTF-8 (an escaped value is checked when unescaped).
                        if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
                        {
                            return false;
                        }

                        slice = new Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    }

                    if (field == AccessLogField.Method)
                    {
                        fields.Method = slice;
                    }
                    else if (field == AccessLogField.Path)
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

        // Like JsonSerializer.Deserialize: the object must end, and nothing but whitespace may follow it.
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    /// <summary>
    /// The latency in whole microseconds, rounded as <see cref="LatencyHistogram.RecordMilliseconds"/> does; plain
    /// decimals with up to 3 fraction digits are read exactly as integers, anything else through a double.
    /// </summary>
    private static bool TryLatency(ref Utf8JsonReader reader, out bool outOfRange, out long micros)
    {
        var text = reader.ValueSpan;
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        // Up to 8 whole digits (< 1e8 ms, far below the histogram's limit), no sign or exponent.
        if (whole.Length is > 0 and <= 8 && fraction.Length <= 3 && !whole.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9') && (dot < 0 || fraction.Length > 0))
        {
            long value = 0;
            foreach (var digit in whole)
            {
                value = (value * 10) + (digit - '0');
            }

            for (var i = 0; i < 3; i++)
            {
                value = (value * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
            }

            outOfRange = false;
            micros = value;
            return true;
        }

        if (!reader.TryGetDouble(out var milliseconds))
        {
            outOfRange = true;
            micros = 0;
            return false;
        }

        outOfRange = !(double.IsFinite(milliseconds) && milliseconds >= 0 && milliseconds < LatencyHistogram.MaxMilliseconds);
        micros = outOfRange ? 0 : (long)Math.Round(milliseconds * 1000.0);
        return true;
    }

    /// <summary>Where a string value sits in the record's bytes (without quotes).</summary>
    private readonly record struct Slice(int Start, int Length, bool Escaped)
    {
        public bool IsEmpty => Length == 0;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Fields
    {
        public bool HasTs;
        public int Status;
        public bool LatencyOutOfRange; // absent is 0 ms, which is valid
        public long LatencyMicros;
        public long Bytes;
        public Slice Method;
        public Slice Path;
        public Slice User;
    }
}
