using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Flint.Functions.IntegrationTests;

/// <summary>One generated access-log record, with the route the digest should fold its path into.</summary>
internal sealed record GeneratedRecord(DateTimeOffset Ts, string Method, string Path, string Route, int Status, double LatencyMs, long Bytes, string? User)
{
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ts", Ts);
            w.WriteString("method", Method);
            w.WriteString("path", Path);
            w.WriteNumber("status", Status);
            w.WriteNumber("latencyMs", LatencyMs);
            w.WriteNumber("bytes", Bytes);
            if (User is not null)
            {
                w.WriteString("user", User);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// A deterministic day of access logs spread over objects of every supported shape, and the answers a digest
/// must give, computed here independently of the function's code.
/// </summary>
internal sealed class AccessLogDay
{
    private static readonly (string Template, string Route, int Weight)[] Routes =
    [
        ("/users/{n}/orders/{n}", "/users/{id}/orders/{id}", 30),
        ("/items/{uuid}", "/items/{id}", 25),
        ("/health", "/health", 20),
        ("/search?q={n}", "/search", 15),
        ("/api/v2/products/{n}", "/api/v2/products/{id}", 12),
        ("/login", "/login", 10),
        ("/cart/{n}", "/cart/{id}", 9),
        ("/static/app.js", "/static/app.js", 8),
        ("/users/{n}", "/users/{id}", 7),
        ("/reports/{n}/download", "/reports/{id}/download", 5),
        ("/admin", "/admin", 3),
        ("/v1/legacy/{uuid}/x", "/v1/legacy/{id}/x", 2),
    ];

    private AccessLogDay(DateOnly day, string prefix) => (Day, Prefix) = (day, prefix);

    public DateOnly Day { get; }

    public string Prefix { get; }

    /// <summary>Every object: key, body bytes, content encoding.</summary>
    public List<(string Key, byte[] Body, string? ContentEncoding)> Objects { get; } = [];

    /// <summary>The valid records, all objects together.</summary>
    public List<GeneratedRecord> Records { get; } = [];

    /// <summary>Lines or records the digest must count as malformed.</summary>
    public int Malformed { get; private set; }

    public static AccessLogDay Generate(DateOnly day, int seed, int recordsPerObject)
    {
        var prefix = $"logs/{day:yyyy}/{day:MM}/{day:dd}/";
        var result = new AccessLogDay(day, prefix);
        var random = new Random(seed);
        List<GeneratedRecord> Batch(int count)
        {
            var batch = new List<GeneratedRecord>(count);
            for (var i = 0; i < count; i++)
            {
                batch.Add(Record(random, day));
            }

            result.Records.AddRange(batch);
            return batch;
        }

        // NDJSON with two broken lines and one record whose status is out of range.
        var ndjson = new StringBuilder();
        foreach (var r in Batch(recordsPerObject))
        {
            ndjson.Append(r.ToJson()).Append('\n');
        }

        ndjson.Insert(0, "this is not json\n");
        ndjson.Append("{\"ts\":\"2026-11-27T10:00:00Z\",\"method\":\"GET\"\n");
        ndjson.Append("{\"ts\":\"2026-11-27T10:00:00Z\",\"method\":\"GET\",\"path\":\"/x\",\"status\":700,\"latencyMs\":1,\"bytes\":1}\n");
        result.Malformed += 3;
        result.Objects.Add((prefix + "app-1.ndjson", Encoding.UTF8.GetBytes(ndjson.ToString()), null));

        // A JSON array.
        result.Objects.Add((prefix + "app-2.json", Encoding.UTF8.GetBytes("[" + string.Join(",\n", Batch(recordsPerObject).Select(r => r.ToJson())) + "]"), null));

        // CloudTrail's shape: {"Records":[...]}.
        result.Objects.Add((prefix + "trail.json", Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Batch(recordsPerObject / 2).Select(r => r.ToJson())) + "]}"), null));

        // Gzip by suffix, with one malformed line.
        var gz = new StringBuilder();
        foreach (var r in Batch(recordsPerObject))
        {
            gz.Append(r.ToJson()).Append('\n');
        }

        gz.Append("][\n");
        result.Malformed += 1;
        result.Objects.Add((prefix + "app-3.ndjson.gz", Gzip(gz.ToString()), null));

        // Gzip by Content-Encoding only.
        result.Objects.Add((prefix + "app-4.log", Gzip(string.Join("\n", Batch(recordsPerObject / 4).Select(r => r.ToJson()))), "gzip"));
        return result;
    }

    private static GeneratedRecord Record(Random random, DateOnly day)
    {
        var total = Routes.Sum(r => r.Weight);
        var pick = random.Next(total);
        var (template, route, _) = Routes[0];
        foreach (var candidate in Routes)
        {
            if (pick < candidate.Weight)
            {
                (template, route, _) = candidate;
                break;
            }

            pick -= candidate.Weight;
        }

        var path = template;
        while (path.Contains("{n}", StringComparison.Ordinal))
        {
            var at = path.IndexOf("{n}", StringComparison.Ordinal);
            path = string.Concat(path.AsSpan(0, at), random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture), path.AsSpan(at + 3));
        }

        path = path.Replace("{uuid}", new Guid(random.NextBytes16()).ToString(), StringComparison.Ordinal);
        var statusRoll = random.Next(100);
        var status = statusRoll switch
        {
            0 => 101,
            < 80 => random.Next(2) == 0 ? 200 : 204,
            < 85 => 302,
            < 95 => random.Next(2) == 0 ? 404 : 429,
            _ => random.Next(2) == 0 ? 500 : 503,
        };

        // Log-normal-ish latencies from about 0.05 ms to a few seconds, 3 decimals.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var latency = Math.Round(Math.Exp(3 + (1.6 * gaussian)), 3);
        var ts = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Next(86_400));
        var user = random.Next(16) switch { 0 => null, var u => $"user{u:D2}" };
        var methods = new[] { "GET", "GET", "GET", "POST", "PUT", "DELETE" };
        return new GeneratedRecord(ts, methods[random.Next(methods.Length)], path, route, status, latency, random.Next(0, 200_000), user);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}

internal static class RandomExtensions
{
    public static byte[] NextBytes16(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
