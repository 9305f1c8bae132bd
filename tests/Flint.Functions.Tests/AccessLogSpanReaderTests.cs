using System.Text;
using System.Text.Json;
using CsCheck;
using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class AccessLogSpanReaderTests
{
    /// <summary>
    /// The typed path: deserialize through the context (a throw or null is malformed, with the exceptions
    /// Flint.Aws' typed record sink treats as malformed), then Add.
    /// </summary>
    private static void AddTyped(string json, DigestAggregate aggregate) => AddTyped(Encoding.UTF8.GetBytes(json), aggregate);

    private static void AddTyped(byte[] json, DigestAggregate aggregate)
    {
        AccessLogRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.AccessLogRecord);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            record = null;
        }

        if (record is null)
        {
            aggregate.AddMalformed(1);
        }
        else
        {
            aggregate.Add(record);
        }
    }

    private static void AddSpan(string json, DigestAggregate aggregate) => AddSpan(Encoding.UTF8.GetBytes(json), aggregate);

    private static void AddSpan(byte[] json, DigestAggregate aggregate)
    {
        if (!AccessLogSpanReader.TryAdd(json, aggregate))
        {
            aggregate.AddMalformed(1);
        }
    }

    private static string PartialJson(DigestAggregate aggregate) =>
        JsonSerializer.Serialize(DigestPartial.From(aggregate, "d"), FunctionsJsonContext.Default.DigestPartial);

    private static readonly string[] Edge =
    [
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/users/1/orders/2?x=1","status":200,"latencyMs":12.5,"bytes":10,"user":"alice"}""",
        """{"TS":"2026-11-27T10:00:00+02:00","Method":"POST","PATH":"/items/3f2504e0-4f89-41d3-9a0c-0305e82c3301","Status":503,"LatencyMS":0.001,"Bytes":0}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"user":"","extra":{"nested":[1,2,{"x":null}]}}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"\/caf\u00e9\/42","status":404,"latencyMs":3,"bytes":1,"user":"b\u00f6b"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"status":201,"latencyMs":1,"bytes":1,"user":"x","user":"y"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":"200","latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200.5,"latencyMs":1,"bytes":1}""",
        """{"ts":"yesterday","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":null,"method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":null,"path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":99,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":-1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":-1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"user":5}""",
        """{"ts":"2026-11-27T10:00:00Z","method":["GET"],"path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","path":"/a","status":200,"latencyMs":1e3,"bytes":1}""",
        """{}""",
        """[]""",
        """null""",
        """42""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1} {"x":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1} x""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}   """,
        """{"ts":"0001-01-01T00:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"0001-01-01T00:00:00.0000001Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2025-02-29T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2024-02-29T23:59:59.9999999Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2024-02-29T23:59:59.12345678Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T24:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T23:59:60Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27t10:00:00z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00.Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-13-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00\u005A","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":12.3456,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":-0,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":0.0005,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":99999999.999,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1099511627.775,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1099511627.776,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1e400,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1.5E-2,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"latencyMs":-1}""",
        """{"ts":"2026-11-27T10:00:00Z","ts":"0001-01-01T00:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"t\u0073":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"\u017Ftatus":500,"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ſtatus":500,"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"\ud800":1,"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a/\ud800","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a/\ud83d\ude00/7","status":200,"latencyMs":1,"bytes":1,"user":"\u0000"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/ünï/😀/12","status":200,"latencyMs":1,"bytes":1,"user":"zoë"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"\/","status":200,"latencyMs":1,"bytes":1,"user":"\u002D"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/users/000000000000000000000000000000000000","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/1/2/3/4/5/6/7/8/9/1/2/3/4/5/6/7/8/9/1/2/3/4/5/6/7/8/9/1/2/3/4/5/6/7/8/9","status":200,"latencyMs":1,"bytes":1}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"TS":"2026-11-27T10:00:00+14:00"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"latencyms":"1"}""",
        """{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/a","status":200,"latencyMs":1,"bytes":1,"pathx":1,"usr":2,"b":3}""",
    ];

    [Fact]
    public void Span_reader_agrees_with_the_typed_record_on_every_edge_case()
    {
        foreach (var json in Edge)
        {
            var typed = new DigestAggregate();
            var span = new DigestAggregate();
            AddTyped(json, typed);
            AddSpan(json, span);
            Assert.True(PartialJson(typed) == PartialJson(span), json);
        }
    }

    [Fact]
    public void Span_reader_agrees_with_the_typed_record_on_generated_records()
    {
        var name = Gen.OneOfConst("ts", "method", "path", "status", "latencyMs", "bytes", "user", "Path", "STATUS", "other");
        var value = Gen.OneOf(
            Gen.OneOfConst("\"2026-11-27T10:00:00Z\"", "\"2026-11-27T10:00:00.123+01:00\"", "\"GET\"", "\"\"", "null", "true", "[1]", "{\"a\":1}"),
            Gen.Int[-5, 700].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Double[-1, 100_000].Select(d => Math.Round(d, 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            Gen.OneOfConst("/", "/users/", "/items/", "/x/", "a/").Select(Gen.Int[0, 50], Gen.OneOfConst("", "?q=1", "/9", "/3f2504e0-4f89-41d3-9a0c-0305e82c3301"))
                .Select((p, n, s) => $"\"{p}{n}{s}\""));
        var property = Gen.Select(name, value).Select((n, v) => $"\"{n}\":{v}");
        var record = property.Array[0, 9].Select(ps => "{" + string.Join(",", ps) + "}");
        var valid = Gen.Select(Gen.Int[100, 599], Gen.Double[0, 5000], Gen.Int[0, 20], Gen.Int[0, 100])
            .Select((s, l, u, p) => $$"""{"ts":"2026-11-27T01:02:03Z","method":"GET","path":"/p/{{p}}","status":{{s}},"latencyMs":{{Math.Round(l, 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}},"bytes":{{p * 7}},"user":"u{{u}}"}""");
        Gen.OneOf(record, valid).Array[1, 40].Sample(lines =>
        {
            var typed = new DigestAggregate();
            var span = new DigestAggregate();
            foreach (var json in lines)
            {
                AddTyped(json, typed);
                AddSpan(json, span);
            }

            Assert.Equal(PartialJson(typed), PartialJson(span));
        }, iter: 300);
    }

    [Fact]
    public void Long_paths_and_users_take_the_rented_buffer_path()
    {
        var path = "/" + string.Join("/", Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? "seg" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var user = new string('u', 700);
        var json = $$"""{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"{{path}}","status":200,"latencyMs":1,"bytes":1,"user":"{{user}}"}""";
        var typed = new DigestAggregate();
        var span = new DigestAggregate();
        AddTyped(json, typed);
        AddSpan(json, span);
        Assert.Equal(PartialJson(typed), PartialJson(span));
        Assert.Equal(1, span.Requests);
    }

    [Fact]
    public void Invalid_utf8_in_a_counted_string_is_malformed_as_in_the_typed_path()
    {
        const string Ok = "{\"ts\":\"2026-11-27T10:00:00Z\",";
        byte[][] records =
        [
            Bytes(Ok + "\"method\":\"GET\",\"path\":\"/a", [0xFF], "\",\"status\":200,\"latencyMs\":1,\"bytes\":1}"),
            Bytes(Ok + "\"method\":\"GET\",\"path\":\"/a\",\"status\":200,\"latencyMs\":1,\"bytes\":1,\"user\":\"b", [0xC3, 0x28], "\"}"),
            Bytes(Ok + "\"method\":\"G", [0xE2, 0x82], "\",\"path\":\"/a\",\"status\":200,\"latencyMs\":1,\"bytes\":1}"),
            Bytes(Ok + "\"method\":\"GET\",\"path\":\"/a\",\"status\":200,\"latencyMs\":1,\"bytes\":1,\"other\":\"x", [0xFF], "\"}"),
            Bytes(Ok + "\"method\":\"GET\",\"path\":\"/a\",\"status\":200,\"latencyMs\":1,\"bytes\":1,\"us", [0xFF], "er\":\"x\"}"),
        ];
        foreach (var json in records)
        {
            var typed = new DigestAggregate();
            var span = new DigestAggregate();
            AddTyped(json, typed);
            AddSpan(json, span);
            Assert.True(PartialJson(typed) == PartialJson(span), Encoding.UTF8.GetString(json));
        }
    }

    [Fact]
    public void Paths_and_users_read_between_adds_keep_counting()
    {
        var aggregate = new DigestAggregate();
        AddSpan("""{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/users/1","status":200,"latencyMs":1,"bytes":1,"user":"ann"}""", aggregate);
        Assert.Equal(1, aggregate.Paths["/users/{id}"]);
        AddSpan("""{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/users/2","status":200,"latencyMs":1,"bytes":1,"user":"ann"}""", aggregate);
        aggregate.Add(new AccessLogRecord { Ts = DateTimeOffset.UnixEpoch, Method = "GET", Path = "/users/3", Status = 200, User = "ann" });
        AddSpan("""{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"\/users\/4","status":200,"latencyMs":1,"bytes":1}""", aggregate);
        var other = new DigestAggregate();
        AddSpan("""{"ts":"2026-11-27T10:00:00Z","method":"GET","path":"/users/5","status":200,"latencyMs":1,"bytes":1,"user":"ann"}""", other);
        aggregate.Merge(other);
        Assert.Equal(5, aggregate.Paths["/users/{id}"]);
        Assert.Equal(4, aggregate.Users["ann"]);
        Assert.Equal(1, aggregate.Users[DigestAggregate.AnonymousUser]);
        Assert.Equal(5, aggregate.Requests);
    }

    [Fact]
    public void Timestamps_of_the_common_shape_are_valid_exactly_when_the_reader_parses_them()
    {
        var digit = Gen.Char['0', '9'];
        var fraction = Gen.OneOf(Gen.Const(""), Gen.String[digit, 1, 8].Select(f => "." + f));
        Gen.Select(Gen.String[digit, 4, 4], Gen.String[digit, 2, 2], Gen.String[digit, 2, 2], Gen.String[digit, 6, 6], fraction)
            .Select((y, mo, d, t, f) => $"{y}-{mo}-{d}T{t[..2]}:{t[2..4]}:{t[4..]}{f}Z")
            .Sample(text =>
            {
                var quoted = Encoding.UTF8.GetBytes($"\"{text}\"");
                var reader = new Utf8JsonReader(quoted);
                reader.Read();
                var parsed = reader.TryGetDateTimeOffset(out var value);
                var shape = IsoTimestamp.Check(Encoding.UTF8.GetBytes(text));
                if (shape == TimestampShape.Valid)
                {
                    Assert.True(parsed && value != default, text);
                }
            }, iter: 3000);
    }

    [Fact]
    public void Generated_valid_timestamps_take_the_fast_path()
    {
        Gen.Select(Gen.Int[2, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 86_399], Gen.Int[0, 9_999_999])
            .Sample((y, mo, d, s, ticks) =>
            {
                var time = new DateTime(y, mo, d, 0, 0, 0, DateTimeKind.Utc).AddSeconds(s).AddTicks(ticks);
                var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(TimestampShape.Valid, IsoTimestamp.Check(Encoding.UTF8.GetBytes(text)));
            }, iter: 1000);
    }

    [Fact]
    public void Paths_normalised_as_bytes_equal_paths_normalised_as_strings()
    {
        var segment = Gen.OneOf(
            Gen.String[Gen.Char["ab09é€-"], 0, 6],
            Gen.Int[0, 99_999].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Guid.Select(g => g.ToString()),
            Gen.Guid.Select(g => g.ToString().ToUpperInvariant()));
        Gen.Select(segment.Array[0, 6], Gen.OneOfConst("", "?q=1/2", "#f/3", "?"))
            .Select((parts, tail) => "/" + string.Join("/", parts) + tail)
            .Sample(path =>
            {
                var bytes = Encoding.UTF8.GetBytes(path);
                var destination = new byte[(3 * bytes.Length) + 4];
                var length = PathNormalizer.Normalize(bytes, destination);
                Assert.Equal(PathNormalizer.Normalize(path), Encoding.UTF8.GetString(destination, 0, length));
            }, iter: 1000);
    }

    private static byte[] Bytes(string head, byte[] middle, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];
}
