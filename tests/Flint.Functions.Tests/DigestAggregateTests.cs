using System.Text.Json;
using CsCheck;
using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class DigestAggregateTests
{
    private static readonly DateTimeOffset Ts = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static AccessLogRecord Record(string path, int status, double latency = 10, long bytes = 100, string? user = "alice") =>
        new() { Ts = Ts, Method = "GET", Path = path, Status = status, LatencyMs = latency, Bytes = bytes, User = user };

    [Fact]
    public void Counts_requests_by_status_class_with_error_rates()
    {
        var aggregate = new DigestAggregate();
        foreach (var status in new[] { 101, 200, 204, 301, 404, 429, 500, 503, 200, 200 })
        {
            aggregate.Add(Record("/a", status));
        }

        var report = DigestReport.From(aggregate, "2026-11-27", "b", "p/");
        Assert.Equal(10, report.Requests);
        Assert.Equal(new StatusClassCounts(1, 4, 1, 2, 2), report.StatusClasses);
        Assert.Equal(0.2, report.ErrorRate);
        Assert.Equal(0.2, report.ClientErrorRate);
        Assert.Equal(1000, report.Bytes);
    }

    [Fact]
    public void Invalid_records_are_counted_as_malformed_and_nothing_else()
    {
        var aggregate = new DigestAggregate();
        aggregate.Add(Record("/a", 99));
        aggregate.Add(Record("/a", 600));
        aggregate.Add(Record("no-slash", 200));
        aggregate.Add(Record("/a", 200, latency: -1));
        aggregate.Add(Record("/a", 200, latency: double.NaN));
        aggregate.Add(Record("/a", 200, bytes: -5));
        aggregate.Add(new AccessLogRecord { Method = "GET", Path = "/a", Status = 200 }); // no ts
        aggregate.Add(Record("/a", 200));
        aggregate.AddMalformed(2);

        Assert.Equal(1, aggregate.Requests);
        Assert.Equal(9, aggregate.Malformed);
        Assert.Equal(1, aggregate.Latency.Count);
    }

    [Fact]
    public void Top_paths_are_normalised_and_ties_are_broken_by_path()
    {
        var aggregate = new DigestAggregate();
        for (var i = 0; i < 12; i++)
        {
            aggregate.Add(Record($"/p{i:D2}", 200));
        }

        aggregate.Add(Record("/users/1/orders/2", 200, user: null));
        aggregate.Add(Record("/users/3/orders/4?x", 200, user: ""));

        var report = DigestReport.From(aggregate, "2026-11-27", "b", "p/");
        Assert.Equal(10, report.TopPaths.Count);
        Assert.Equal(new PathCount("/users/{id}/orders/{id}", 2), report.TopPaths[0]);
        Assert.Equal("/p00", report.TopPaths[1].Path);
        Assert.Equal("/p08", report.TopPaths[9].Path);
        Assert.Equal(13, report.DistinctPaths);
        Assert.Equal(new UserCount("alice", 12), report.TopUsers[0]);
        Assert.Equal(new UserCount(DigestAggregate.AnonymousUser, 2), report.TopUsers[1]);
    }

    [Fact]
    public void Empty_day_has_zero_counts_and_no_percentiles()
    {
        var report = DigestReport.From(new DigestAggregate(), "2026-11-27", "b", "p/");
        Assert.Equal(0, report.Requests);
        Assert.Equal(0, report.ErrorRate);
        Assert.Null(report.LatencyMs.P50);
        Assert.Empty(report.TopPaths);
    }

    [Fact]
    public void Split_into_json_partials_and_merged_equals_a_single_pass()
    {
        var record = Gen.Select(Gen.Int[0, 40], Gen.Int[95, 605], Gen.Double[0, 20_000], Gen.Long[0, 1_000_000], Gen.Int[0, 30])
            .Select((path, status, latency, bytes, user) => Record($"/r{path % 7}/{path}", status, Math.Round(latency, 3), bytes, user == 0 ? null : $"u{user}"));
        Gen.Select(record.Array[0, 300], Gen.Int[1, 5].Array[1, 4]).Sample((records, cuts) =>
        {
            var single = new DigestAggregate();
            foreach (var r in records)
            {
                single.Add(r);
            }

            single.AddObject();

            // Cut the records into consecutive chunks, round-trip each through JSON, merge in reverse order.
            var parts = new List<DigestAggregate>();
            var start = 0;
            foreach (var cut in cuts)
            {
                var part = new DigestAggregate();
                var end = Math.Min(records.Length, start + (records.Length * cut / 10));
                for (; start < end; start++)
                {
                    part.Add(records[start]);
                }

                parts.Add(part);
            }

            var last = new DigestAggregate();
            for (; start < records.Length; start++)
            {
                last.Add(records[start]);
            }

            last.AddObject();
            parts.Add(last);

            var merged = new DigestAggregate();
            for (var i = parts.Count - 1; i >= 0; i--)
            {
                var json = JsonSerializer.Serialize(DigestPartial.From(parts[i], "2026-11-27"), FunctionsJsonContext.Default.DigestPartial);
                merged.Merge(JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.DigestPartial)!.ToAggregate());
            }

            Assert.Equal(ReportJson(single), ReportJson(merged));
        }, iter: 100);
    }

    [Fact]
    public void Partial_of_another_layout_is_refused()
    {
        var partial = DigestPartial.From(new DigestAggregate(), "2026-11-27");
        partial.Latency.Layout = "hdr-2";
        Assert.Throws<FormatException>(() => partial.ToAggregate());
    }

    private static string ReportJson(DigestAggregate aggregate) =>
        JsonSerializer.Serialize(DigestReport.From(aggregate, "2026-11-27", "b", "p/"), FunctionsJsonContext.Default.DigestReport);
}
