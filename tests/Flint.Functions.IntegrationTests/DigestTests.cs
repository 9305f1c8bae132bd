using System.Text;
using System.Text.Json;

namespace Flint.Functions.IntegrationTests;

[Collection(FunctionsCollection.Name)]
public sealed class DigestTests(FunctionsFixture fixture)
{
    private const double RelativePrecision = 1.0 / 256;

    [Fact]
    public async Task Digest_of_a_generated_day_has_exact_counts_and_percentiles_within_the_histograms_precision()
    {
        var result = await fixture.Lambda.InvokeAsync("digest", """{"date":"2026-11-27"}""");
        Assert.True(result.FunctionError is null, result.PayloadText);
        using var summary = JsonDocument.Parse(result.Payload);
        Assert.Equal("flint-reports", summary.RootElement.GetProperty("reportBucket").GetString());
        Assert.Equal("reports/2026-11-27.json", summary.RootElement.GetProperty("reportKey").GetString());

        using var report = JsonDocument.Parse(await fixture.GetObjectAsync(FunctionsFixture.ReportsBucket, "reports/2026-11-27.json"));
        var root = report.RootElement;
        var records = fixture.Logs.Records;

        Assert.Equal("2026-11-27", root.GetProperty("date").GetString());
        Assert.Equal("logs/2026/11/27/", root.GetProperty("sourcePrefix").GetString());
        Assert.Equal(fixture.Logs.Objects.Count, root.GetProperty("objects").GetInt32());
        Assert.Equal(records.Count, root.GetProperty("requests").GetInt64());
        Assert.Equal(fixture.Logs.Malformed, root.GetProperty("malformed").GetInt64());
        Assert.Equal(records.Sum(r => r.Bytes), root.GetProperty("bytes").GetInt64());

        var classes = root.GetProperty("statusClasses");
        for (var c = 1; c <= 5; c++)
        {
            Assert.Equal(records.Count(r => r.Status / 100 == c), classes.GetProperty($"{c}xx").GetInt64());
        }

        Assert.Equal((double)records.Count(r => r.Status >= 500) / records.Count, root.GetProperty("errorRate").GetDouble(), 12);
        Assert.Equal((double)records.Count(r => r.Status / 100 == 4) / records.Count, root.GetProperty("clientErrorRate").GetDouble(), 12);

        var latencies = records.Select(r => r.LatencyMs).Order().ToArray();
        var latency = root.GetProperty("latencyMs");
        foreach (var (name, p) in new[] { ("p50", 50.0), ("p90", 90.0), ("p99", 99.0) })
        {
            var exact = latencies[(int)Math.Ceiling(p * latencies.Length / 100) - 1];
            var reported = latency.GetProperty(name).GetDouble();
            Assert.InRange(reported, (exact * (1 - RelativePrecision)) - 0.001, (exact * (1 + RelativePrecision)) + 0.001);
        }

        Assert.Equal(latencies[0], latency.GetProperty("min").GetDouble(), 9);
        Assert.Equal(latencies[^1], latency.GetProperty("max").GetDouble(), 9);

        var expectedPaths = Top(records.GroupBy(r => r.Route));
        Assert.Equal(expectedPaths, root.GetProperty("topPaths").EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("requests").GetInt64())).ToList());
        var expectedUsers = Top(records.GroupBy(r => r.User ?? "-"));
        Assert.Equal(expectedUsers, root.GetProperty("topUsers").EnumerateArray().Select(e => (e.GetProperty("user").GetString()!, e.GetProperty("requests").GetInt64())).ToList());
        Assert.Equal(records.Select(r => r.Route).Distinct().Count(), root.GetProperty("distinctPaths").GetInt32());
    }

    [Fact]
    public async Task Split_run_plan_parts_and_merge_writes_the_same_report_as_digest()
    {
        var single = await fixture.Lambda.InvokeAsync("digest", """{"date":"2026-11-27"}""");
        Assert.True(single.FunctionError is null, single.PayloadText);
        var expected = Encoding.UTF8.GetString(await fixture.GetObjectAsync(FunctionsFixture.ReportsBucket, "reports/2026-11-27.json"));
        await fixture.S3.DeleteObjectAsync(FunctionsFixture.ReportsBucket, "reports/2026-11-27.json");

        var planResult = await fixture.Lambda.InvokeAsync("digest-plan", """{"date":"2026-11-27"}""");
        Assert.True(planResult.FunctionError is null, planResult.PayloadText);
        using var plan = JsonDocument.Parse(planResult.Payload);
        var runId = plan.RootElement.GetProperty("runId").GetString()!;
        var keys = plan.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
        Assert.Equal(fixture.Logs.Objects.Select(o => o.Key).Order(StringComparer.Ordinal), keys);
        Assert.Equal("logs/2026/11/27/", plan.RootElement.GetProperty("prefix").GetString());

        // Distributed Map's batch shape: Items (ItemSelector {key}) plus BatchInput {date, runId}; two batches.
        foreach (var batch in keys.Chunk(3))
        {
            var items = string.Join(",", batch.Select(k => $"{{\"key\":{JsonString(k)}}}"));
            var part = await fixture.Lambda.InvokeAsync("digest-part", "{\"Items\":[" + items + "],\"BatchInput\":{\"date\":\"2026-11-27\",\"runId\":" + JsonString(runId) + "}}");
            Assert.True(part.FunctionError is null, part.PayloadText);
        }

        var merge = await fixture.Lambda.InvokeAsync("digest-merge", "{\"date\":\"2026-11-27\",\"runId\":" + JsonString(runId) + "}");
        Assert.True(merge.FunctionError is null, merge.PayloadText);
        Assert.Equal(expected, Encoding.UTF8.GetString(await fixture.GetObjectAsync(FunctionsFixture.ReportsBucket, "reports/2026-11-27.json")));
    }

    [Fact]
    public async Task Plan_asked_for_no_items_counts_the_days_objects_and_returns_no_key_list()
    {
        // What the state machine sends: the schedule's input with listItems false merged in.
        var result = await fixture.Lambda.InvokeAsync("digest-plan", """{"time":"2026-11-28T07:00:00Z","listItems":false}""");
        Assert.True(result.FunctionError is null, result.PayloadText);
        using var plan = JsonDocument.Parse(result.Payload);
        var root = plan.RootElement;

        Assert.Equal(("2026-11-27", "flint-logs", "logs/2026/11/27/"), (root.GetProperty("date").GetString(), root.GetProperty("bucket").GetString(), root.GetProperty("prefix").GetString()));
        Assert.Equal(fixture.Logs.Objects.Count, root.GetProperty("objects").GetInt32());
        Assert.False(root.TryGetProperty("items", out _));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("runId").GetString()));
    }

    [Fact]
    public async Task Scheduled_event_digests_the_previous_utc_day()
    {
        var result = await fixture.Lambda.InvokeAsync("digest", """{"version":"0","id":"x","detail-type":"Scheduled Event","source":"aws.events","time":"2026-11-28T08:00:00Z","detail":{}}""");
        Assert.True(result.FunctionError is null, result.PayloadText);
        using var summary = JsonDocument.Parse(result.Payload);
        Assert.Equal("2026-11-27", summary.RootElement.GetProperty("date").GetString());
        Assert.Equal(fixture.Logs.Records.Count, summary.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Empty_day_writes_a_report_with_no_requests()
    {
        var result = await fixture.Lambda.InvokeAsync("digest", """{"date":"2026-11-20"}""");
        Assert.True(result.FunctionError is null, result.PayloadText);
        using var report = JsonDocument.Parse(await fixture.GetObjectAsync(FunctionsFixture.ReportsBucket, "reports/2026-11-20.json"));
        Assert.Equal(0, report.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("objects").GetInt32());
        Assert.False(report.RootElement.GetProperty("latencyMs").TryGetProperty("p50", out _));
    }

    [Fact]
    public async Task Missing_source_bucket_fails_with_an_error_type_that_names_it()
    {
        var result = await fixture.Lambda.InvokeAsync("digest-missing-bucket", """{"date":"2026-11-27"}""");
        Assert.NotNull(result.FunctionError);
        using var error = JsonDocument.Parse(result.Payload);
        Assert.Equal("BucketNotFoundException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("flint-no-such-bucket", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_date_fails_with_an_input_error_type()
    {
        var result = await fixture.Lambda.InvokeAsync("digest", """{"date":"2026-02-30"}""");
        using var error = JsonDocument.Parse(result.Payload);
        Assert.Equal("DigestInputException", error.RootElement.GetProperty("errorType").GetString());
    }

    private static List<(string, long)> Top(IEnumerable<IGrouping<string, GeneratedRecord>> groups) =>
        groups.Select(g => (g.Key, (long)g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(10).ToList();

    private static string JsonString(string value) => JsonSerializer.Serialize(value, Json.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class Json : System.Text.Json.Serialization.JsonSerializerContext;
