using System.Text;
using System.Text.Json;
using Flint.Functions.Digest;
using Flint.Functions.Storage;

namespace Flint.Functions.Tests;

public sealed class DigestRunnerTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static readonly DigestSettings Settings = DigestSettings.FromEnvironment(name => name switch
    {
        "SOURCE_BUCKET" => "logs",
        "REPORT_BUCKET" => "reports",
        "DIGEST_PARALLELISM" => "3",
        _ => null,
    });

    private static InMemoryLogStore StoreWithDay(int objects, int? holdReadsUntilConcurrent = null)
    {
        var store = new InMemoryLogStore { HoldReadsUntilConcurrent = holdReadsUntilConcurrent };
        var random = new Random(7);
        for (var o = 0; o < objects; o++)
        {
            var records = new List<AccessLogRecord>();
            for (var i = 0; i < 50; i++)
            {
                records.Add(new AccessLogRecord
                {
                    Ts = new DateTimeOffset(2026, 11, 27, 10, 0, i, TimeSpan.Zero),
                    Method = "GET",
                    Path = $"/items/{random.Next(100)}",
                    Status = random.Next(10) == 0 ? 503 : 200,
                    LatencyMs = random.Next(1, 5000) / 10.0,
                    Bytes = random.Next(10_000),
                    User = $"user{random.Next(20)}",
                });
            }

            store.Logs[("logs", $"logs/2026/11/27/part-{o:D3}.json")] = (records, o % 3);
        }

        store.Logs[("logs", "logs/2026/11/28/other-day.json")] = ([], 1);
        return store;
    }

    private static DigestRunner Runner(InMemoryLogStore store) => new(store, Settings, _ => { });

    [Fact]
    public async Task Digest_reads_only_the_days_prefix_and_writes_the_report()
    {
        var store = StoreWithDay(7);
        var summary = await Runner(store).DigestAsync(Day, CancellationToken.None);

        Assert.Equal(("2026-11-27", "reports", "reports/2026-11-27.json", 7, 350L), (summary.Date, summary.ReportBucket, summary.ReportKey, summary.Objects, summary.Requests));
        Assert.Equal(0 + 1 + 2 + 0 + 1 + 2 + 0, summary.Malformed);
        var report = JsonSerializer.Deserialize(store.Blobs[("reports", "reports/2026-11-27.json")], FunctionsJsonContext.Default.DigestReport)!;
        Assert.Equal(350, report.Requests);
        Assert.Equal("logs/2026/11/27/", report.SourcePrefix);
        Assert.Equal("/items/{id}", Assert.Single(report.TopPaths).Path);
    }

    [Fact]
    public async Task Objects_are_read_concurrently_up_to_the_parallelism_and_never_more()
    {
        // Reads are held until 3 (DIGEST_PARALLELISM) are in flight together: a sequential runner would peak at 1,
        // an unbounded one above 3.
        var store = StoreWithDay(12, holdReadsUntilConcurrent: 3);
        var summary = await Runner(store).DigestAsync(Day, CancellationToken.None);
        Assert.Equal(3, store.MaxConcurrentReads);
        Assert.Equal(12, summary.Objects);
    }

    [Fact]
    public async Task Plan_parts_and_merge_give_the_same_report_as_digest()
    {
        var store = StoreWithDay(7);
        var runner = Runner(store);
        await runner.DigestAsync(Day, CancellationToken.None);
        var single = store.Blobs[("reports", "reports/2026-11-27.json")];
        store.Blobs.Clear();

        var plan = await runner.PlanAsync(Day, "run-1", listItems: true, CancellationToken.None);
        Assert.NotNull(plan.Items);
        Assert.Equal(7, plan.Items.Count);
        var results = new List<DigestMergePart>();

        // One single-key item, one batch in Distributed Map's ItemBatcher shape, one keys list.
        results.Add(Part(await runner.PartAsync(new DigestPartInput { Date = plan.Date, RunId = plan.RunId, Key = plan.Items[0].Key }, CancellationToken.None)));
        results.Add(Part(await runner.PartAsync(new DigestPartInput
        {
            Items = [.. plan.Items.Skip(1).Take(3).Select(i => new DigestPartInput { Key = i.Key })],
            BatchInput = new DigestPartInput { Date = plan.Date, RunId = plan.RunId },
        }, CancellationToken.None)));
        results.Add(Part(await runner.PartAsync(new DigestPartInput { Date = plan.Date, RunId = plan.RunId, Keys = [.. plan.Items.Skip(4).Select(i => i.Key)] }, CancellationToken.None)));

        var merged = await runner.MergeAsync(new DigestMergeInput { Date = plan.Date, Parts = results }, CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(single), Encoding.UTF8.GetString(store.Blobs[("reports", merged.ReportKey)]));

        // Without the parts list, merge finds the run's partials itself.
        store.Blobs.TryRemove(("reports", merged.ReportKey), out _);
        await runner.MergeAsync(new DigestMergeInput { Date = plan.Date, RunId = plan.RunId }, CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(single), Encoding.UTF8.GetString(store.Blobs[("reports", merged.ReportKey)]));
    }

    [Fact]
    public async Task Plan_without_items_keeps_the_count_and_omits_the_key_list_from_its_json()
    {
        var plan = await Runner(StoreWithDay(7)).PlanAsync(Day, "run-1", listItems: false, CancellationToken.None);
        var json = JsonSerializer.Serialize(plan, FunctionsJsonContext.Default.DigestPlan);

        Assert.Equal((7, "logs", "logs/2026/11/27/"), (plan.Objects, plan.Bucket, plan.Prefix));
        Assert.Null(plan.Items);
        Assert.Equal("""{"date":"2026-11-27","runId":"run-1","bucket":"logs","prefix":"logs/2026/11/27/","objects":7}""", json);
    }

    [Fact]
    public void Plan_input_reads_list_items_false_and_defaults_to_listing()
    {
        var off = JsonSerializer.Deserialize("""{"time":"2026-11-28T07:00:00Z","listItems":false}""", FunctionsJsonContext.Default.DigestInput)!;
        var absent = JsonSerializer.Deserialize("""{"date":"2026-11-27"}""", FunctionsJsonContext.Default.DigestInput)!;
        Assert.Equal((false, (bool?)null), (off.ListItems, absent.ListItems));
    }

    [Fact]
    public async Task Part_key_depends_only_on_the_run_and_the_keys_so_retries_overwrite()
    {
        var runner = Runner(StoreWithDay(3));
        var a = await runner.PartAsync(new DigestPartInput { Date = "2026-11-27", RunId = "r", Keys = ["logs/2026/11/27/part-001.json", "logs/2026/11/27/part-000.json"] }, CancellationToken.None);
        var b = await runner.PartAsync(new DigestPartInput { Date = "2026-11-27", RunId = "r", Keys = ["logs/2026/11/27/part-000.json", "logs/2026/11/27/part-001.json"] }, CancellationToken.None);
        Assert.Equal(a.PartKey, b.PartKey);
        Assert.StartsWith("reports/parts/2026-11-27/r/", a.PartKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_day_writes_a_report_with_zero_requests()
    {
        var store = new InMemoryLogStore();
        var summary = await Runner(store).DigestAsync(Day, CancellationToken.None);
        Assert.Equal((0, 0L, (double?)null), (summary.Objects, summary.Requests, summary.P99Ms));
        Assert.True(store.Blobs.ContainsKey(("reports", "reports/2026-11-27.json")));
    }

    [Fact]
    public async Task Missing_source_bucket_is_a_clear_error()
    {
        var store = new InMemoryLogStore();
        store.Buckets.Remove("logs");
        await Assert.ThrowsAsync<BucketNotFoundException>(() => Runner(store).DigestAsync(Day, CancellationToken.None));
    }

    [Fact]
    public async Task Part_and_merge_without_a_run_id_or_date_are_input_errors()
    {
        var runner = Runner(StoreWithDay(1));
        await Assert.ThrowsAsync<DigestInputException>(() => runner.PartAsync(new DigestPartInput { Date = "2026-11-27", Key = "k" }, CancellationToken.None));
        await Assert.ThrowsAsync<DigestInputException>(() => runner.PartAsync(new DigestPartInput { RunId = "r", Key = "k" }, CancellationToken.None));
        await Assert.ThrowsAsync<DigestInputException>(() => runner.PartAsync(new DigestPartInput { Date = "2026-11-27", RunId = "r" }, CancellationToken.None));
        await Assert.ThrowsAsync<DigestInputException>(() => runner.MergeAsync(new DigestMergeInput { Date = "2026-11-27" }, CancellationToken.None));
    }

    [Fact]
    public void Settings_name_the_missing_or_bad_variable()
    {
        Assert.Contains("SOURCE_BUCKET", Assert.Throws<InvalidOperationException>(() => DigestSettings.FromEnvironment(_ => null)).Message, StringComparison.Ordinal);
        Assert.Contains("SOURCE_PREFIX", Assert.Throws<InvalidOperationException>(() => DigestSettings.FromEnvironment(n => n == "SOURCE_PREFIX" ? "{yyy}/" : "b")).Message, StringComparison.Ordinal);
        Assert.Contains("DIGEST_PARALLELISM", Assert.Throws<InvalidOperationException>(() => DigestSettings.FromEnvironment(n => n == "DIGEST_PARALLELISM" ? "0" : "b")).Message, StringComparison.Ordinal);
    }

    private static DigestMergePart Part(DigestPartResult result) => new() { PartKey = result.PartKey };
}
