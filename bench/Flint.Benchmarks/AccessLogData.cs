using System.IO.Compression;
using System.Text.Json.Serialization;
using Flint.Functions.Digest;

namespace Flint.Benchmarks;

/// <summary>How a generated log object is laid out.</summary>
public enum LogLayout
{
    /// <summary>One record per line.</summary>
    Ndjson,

    /// <summary>One JSON array of records.</summary>
    JsonArray,

    /// <summary>CloudTrail's <c>{"Records":[...]}</c>.</summary>
    Records,

    /// <summary>NDJSON, gzip-compressed (sizes are of the JSON before compression).</summary>
    NdjsonGzip,
}

/// <summary>
/// Deterministic access-log objects shaped like the digest's input: a few routes with numeric and UUID ids,
/// ~2 % 5xx, latencies with a long tail, a handful of users.
/// </summary>
internal static class AccessLogData
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", ""];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 404, 429, 500, 502];

    /// <summary>The JSON (before any compression) of about <paramref name="bytes"/> bytes, never more.</summary>
    public static byte[] Create(LogLayout layout, int bytes)
    {
        var output = new MemoryStream(bytes + 1024);
        var (open, separator, close) = layout switch
        {
            LogLayout.JsonArray => ("[\n"u8.ToArray(), ",\n"u8.ToArray(), "\n]\n"u8.ToArray()),
            LogLayout.Records => ("{\"Records\":[\n"u8.ToArray(), ",\n"u8.ToArray(), "\n]}\n"u8.ToArray()),
            _ => (Array.Empty<byte>(), "\n"u8.ToArray(), "\n"u8.ToArray()),
        };
        output.Write(open);
        Span<byte> line = stackalloc byte[512];
        var random = new Random(20261127);
        var ts = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; ; i++)
        {
            var length = WriteRecord(line, random, ts.AddMilliseconds(i * 37L));
            if (output.Length + separator.Length + length + close.Length > bytes)
            {
                break;
            }

            if (i > 0)
            {
                output.Write(separator);
            }

            output.Write(line[..length]);
        }

        output.Write(close);
        return output.ToArray();
    }

    /// <summary>The object as stored: gzip for <see cref="LogLayout.NdjsonGzip"/>, else the JSON itself.</summary>
    public static byte[] Stored(LogLayout layout, byte[] json)
    {
        if (layout != LogLayout.NdjsonGzip)
        {
            return json;
        }

        using var compressed = new MemoryStream(json.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return compressed.ToArray();
    }

    private static int WriteRecord(Span<byte> line, Random random, DateTime ts)
    {
        var user = Users[random.Next(Users.Length)];
        var status = Statuses[random.Next(Statuses.Length)];
        // Mostly tens of milliseconds, a tail to seconds.
        var latency = Math.Round(Math.Exp(random.NextDouble() * random.NextDouble() * 9.0), 3);
        var path = random.Next(6) switch
        {
            0 => $"/users/{random.Next(100_000)}",
            1 => $"/users/{random.Next(100_000)}/orders/{random.Next(1_000)}",
            2 => $"/orders/{new Guid(random.Next(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}",
            3 => "/health",
            4 => $"/search?q=item{random.Next(500)}",
            _ => $"/products/{random.Next(5_000)}/reviews",
        };
        var userPart = user.Length == 0 ? "" : $",\"user\":\"{user}\"";
        var text = $"{{\"ts\":\"{ts:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"method\":\"{Methods[random.Next(Methods.Length)]}\",\"path\":\"{path}\",\"status\":{status},\"latencyMs\":{latency.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"bytes\":{random.Next(20_000)}{userPart}}}";
        return System.Text.Encoding.UTF8.GetBytes(text, line);
    }
}

/// <summary>
/// The digest's record type with the same options as Flint.Functions' <c>FunctionsJsonContext</c> (camelCase,
/// case-insensitive reads, strict numbers), plus the wrapper a plain deserializer needs for a <c>Records</c> object.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(AccessLogRecord))]
[JsonSerializable(typeof(RecordsObject))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;

/// <summary><c>{"Records":[...]}</c>, for the plain-deserializer baseline.</summary>
internal sealed class RecordsObject
{
    [JsonPropertyName("Records")]
    public List<AccessLogRecord>? Records { get; set; }
}
