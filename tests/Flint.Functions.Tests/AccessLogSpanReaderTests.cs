using System.Text;
using System.Text.Json;
using CsCheck;
using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class AccessLogSpanReaderTests
{
    /// <summary>The typed path: deserialize through the context (a throw or null is malformed), then Add.</summary>
    private static void AddTyped(string json, DigestAggregate aggregate)
    {
        AccessLogRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.AccessLogRecord);
        }
        catch (JsonException)
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

    private static void AddSpan(string json, DigestAggregate aggregate)
    {
        if (!AccessLogSpanReader.TryAdd(Encoding.UTF8.GetBytes(json), aggregate))
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
}
