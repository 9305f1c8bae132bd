using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Flint.Cli.Demo;

/// <summary>
/// A deterministic day of access logs for the demo: three NDJSON objects, one gzip NDJSON and one JSON array,
/// with a few malformed lines, so the digest has something real to chew on.
/// </summary>
internal sealed class DemoLogs
{
    private static readonly string[] PathTemplates =
    [
        "/users/{n}/orders/{n}", "/items/{n}", "/health", "/search?q={n}", "/api/v2/products/{n}",
        "/login", "/cart/{n}", "/static/app.js", "/users/{n}", "/reports/{n}/download", "/admin",
    ];

    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];

    private DemoLogs(string prefix) => Prefix = prefix;

    /// <summary>The day's key prefix, <c>logs/yyyy/MM/dd/</c>.</summary>
    public string Prefix { get; }

    /// <summary>Every object: key and body.</summary>
    public List<(string Key, byte[] Body)> Objects { get; } = [];

    /// <summary>Valid records written, all objects together.</summary>
    public int Records { get; private set; }

    /// <summary>Lines the digest must count as malformed.</summary>
    public int Malformed { get; private set; }

    /// <summary>About <paramref name="records"/> records for <paramref name="day"/>, the same for the same seed.</summary>
    public static DemoLogs Generate(DateOnly day, int seed = 20261128, int records = 20_000)
    {
        var logs = new DemoLogs(string.Create(CultureInfo.InvariantCulture, $"logs/{day:yyyy}/{day:MM}/{day:dd}/"));
        var random = new Random(seed);
        var ndjsonEach = records / 4;
        var gzip = records * 3 / 20;
        var array = records - (3 * ndjsonEach) - gzip;

        for (var i = 1; i <= 3; i++)
        {
            var text = new StringBuilder();
            logs.AppendLines(text, random, day, ndjsonEach);
            if (i == 1)
            {
                text.Insert(0, "this is not json\n");
                text.Append("{\"ts\":\"2026-01-01T00:00:00Z\",\"method\":\"GET\",\"path\":\"/x\",\"status\":700,\"latencyMs\":1,\"bytes\":1}\n");
                logs.Malformed += 2;
            }
            else if (i == 2)
            {
                text.Append("{\"ts\":\"2026-01-01T00:00:00Z\",\"method\":\"GET\"\n");
                logs.Malformed += 1;
            }

            logs.Objects.Add((logs.Prefix + $"app-{i}.ndjson", Encoding.UTF8.GetBytes(text.ToString())));
        }

        var gz = new StringBuilder();
        logs.AppendLines(gz, random, day, gzip);
        gz.Append("][\n");
        logs.Malformed += 1;
        logs.Objects.Add((logs.Prefix + "app-4.ndjson.gz", Gzip(gz.ToString())));

        var json = new StringBuilder("[");
        for (var i = 0; i < array; i++)
        {
            json.Append(i == 0 ? "" : ",\n").Append(Record(random, day));
        }

        logs.Records += array;
        logs.Objects.Add((logs.Prefix + "edge.json", Encoding.UTF8.GetBytes(json.Append(']').ToString())));
        return logs;
    }

    private void AppendLines(StringBuilder text, Random random, DateOnly day, int count)
    {
        for (var i = 0; i < count; i++)
        {
            text.Append(Record(random, day)).Append('\n');
        }

        Records += count;
    }

    private static string Record(Random random, DateOnly day)
    {
        var path = PathTemplates[(int)(PathTemplates.Length * Math.Pow(random.NextDouble(), 1.6))];
        while (path.Contains("{n}", StringComparison.Ordinal))
        {
            var at = path.IndexOf("{n}", StringComparison.Ordinal);
            path = string.Concat(path.AsSpan(0, at), random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture), path.AsSpan(at + 3));
        }

        var roll = random.Next(100);
        var status = roll switch { 0 => 101, < 80 => 200, < 85 => 302, < 95 => 404, _ => 503 };
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var user = random.Next(12) switch { 0 => null, var u => $"user{u:D2}" };

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ts", new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Next(86_400)));
            w.WriteString("method", Methods[random.Next(Methods.Length)]);
            w.WriteString("path", path);
            w.WriteNumber("status", status);
            w.WriteNumber("latencyMs", Math.Round(Math.Exp(3 + (1.4 * gaussian)), 3));
            w.WriteNumber("bytes", random.Next(0, 200_000));
            if (user is not null)
            {
                w.WriteString("user", user);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
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
