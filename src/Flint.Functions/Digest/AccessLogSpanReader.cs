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

        // Most logs are ASCII: one vectorised check then spares a UTF-8 validation per string.
        var ascii = System.Text.Ascii.IsValid(json);

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
                        if (!ascii && !reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
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
        // One pass over "d{1,8}(.d{1,3})?" (the reader has already checked the JSON number grammar).
        var text = reader.ValueSpan;
        long value = 0;
        var whole = 0;
        var fraction = -1; // -1: no dot yet
        foreach (var b in text)
        {
            if ((uint)(b - '0') <= 9)
            {
                value = (value * 10) + (b - '0');
                if (fraction < 0)
                {
                    whole++;
                }
                else
                {
                    fraction++;
                }
            }
            else if (b == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                whole = int.MaxValue; // sign or exponent: not the plain shape
                break;
            }
        }

        // Up to 8 whole digits (< 1e8 ms, far below the histogram's limit) and 3 fraction digits: exact micros.
        if (whole <= 8 && fraction <= 3)
        {
            for (var i = Math.Max(fraction, 0); i < 3; i++)
            {
                value *= 10;
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
