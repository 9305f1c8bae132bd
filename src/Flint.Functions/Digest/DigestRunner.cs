using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flint.Functions.Storage;

namespace Flint.Functions.Digest;

/// <summary>The digest's work, single-pass and split: list, read concurrently, aggregate, write.</summary>
internal sealed class DigestRunner(ILogStore store, DigestSettings settings, Action<string> log)
{
    /// <summary>Digests the whole day in this invocation and writes the report.</summary>
    public async Task<DigestSummary> DigestAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var prefix = settings.SourcePrefix.For(day);
        var keys = await store.ListKeysAsync(settings.SourceBucket, prefix, cancellationToken).ConfigureAwait(false);
        var aggregate = await AggregateAsync(keys, cancellationToken).ConfigureAwait(false);
        return await WriteReportAsync(aggregate, DigestDay.ToText(day), prefix, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the day's objects and, when <paramref name="listItems"/>, lists them as map items tagged with a run id.</summary>
    public async Task<DigestPlan> PlanAsync(DateOnly day, string runId, bool listItems, CancellationToken cancellationToken)
    {
        var prefix = settings.SourcePrefix.For(day);
        var date = DigestDay.ToText(day);
        var keys = await store.ListKeysAsync(settings.SourceBucket, prefix, cancellationToken).ConfigureAwait(false);
        if (!listItems)
        {
            return new DigestPlan(date, runId, settings.SourceBucket, prefix, keys.Count, null);
        }

        var items = new List<DigestPlanItem>(keys.Count);
        foreach (var key in keys)
        {
            items.Add(new DigestPlanItem(date, runId, key));
        }

        return new DigestPlan(date, runId, settings.SourceBucket, prefix, keys.Count, items);
    }

    /// <summary>Aggregates one object or a batch and writes the partial; its key depends only on the inputs, so a retry overwrites it.</summary>
    public async Task<DigestPartResult> PartAsync(DigestPartInput input, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        CollectKeys(input, keys);
        var date = input.Date ?? input.BatchInput?.Date ?? FirstOf(input.Items, static i => i.Date);
        var runId = input.RunId ?? input.BatchInput?.RunId ?? FirstOf(input.Items, static i => i.RunId);
        if (keys.Count == 0)
        {
            throw new DigestInputException("A part needs a key, keys, or Items with keys.");
        }

        var day = DigestDay.Parse(date ?? throw new DigestInputException("A part needs the date (yyyy-MM-dd)."));
        CheckRunId(runId);
        keys.Sort(StringComparer.Ordinal);
        var aggregate = await AggregateAsync(keys, cancellationToken).ConfigureAwait(false);
        var text = DigestDay.ToText(day);
        var partKey = $"{PartsPrefixOf(text, runId!)}{KeysHash(keys)}.json";
        var json = JsonSerializer.SerializeToUtf8Bytes(DigestPartial.From(aggregate, text), FunctionsJsonContext.Default.DigestPartial);
        await store.PutJsonAsync(settings.ReportBucket, partKey, json, cancellationToken).ConfigureAwait(false);
        return new DigestPartResult(text, runId!, partKey, aggregate.Objects, aggregate.Requests, aggregate.Malformed);
    }

    /// <summary>Merges the partials of a run and writes the same report <see cref="DigestAsync"/> would.</summary>
    public async Task<DigestSummary> MergeAsync(DigestMergeInput input, CancellationToken cancellationToken)
    {
        var day = DigestDay.Parse(input.Date ?? throw new DigestInputException("Merge needs the date (yyyy-MM-dd)."));
        var date = DigestDay.ToText(day);
        IReadOnlyList<string> partKeys;
        if (input.Parts is { } parts)
        {
            var keys = new List<string>(parts.Count);
            foreach (var part in parts)
            {
                keys.Add(part.PartKey ?? throw new DigestInputException("Every part needs its partKey."));
            }

            partKeys = keys;
        }
        else
        {
            CheckRunId(input.RunId);
            partKeys = await store.ListKeysAsync(settings.ReportBucket, PartsPrefixOf(date, input.RunId!), cancellationToken).ConfigureAwait(false);
        }

        var total = new DigestAggregate();
        foreach (var partKey in partKeys)
        {
            var bytes = await store.GetAsync(settings.ReportBucket, partKey, cancellationToken).ConfigureAwait(false);
            DigestPartial? partial;
            try
            {
                partial = JsonSerializer.Deserialize(bytes, FunctionsJsonContext.Default.DigestPartial);
            }
            catch (JsonException e)
            {
                throw new DigestInputException($"Partial {partKey} is not a partial aggregate: {e.Message}", e);
            }

            if (partial is null || partial.Date != date)
            {
                throw new DigestInputException($"Partial {partKey} is not for {date}.");
            }

            total.Merge(partial.ToAggregate());
        }

        return await WriteReportAsync(total, date, settings.SourcePrefix.For(day), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the objects with at most <see cref="DigestSettings.Parallelism"/> at once, one aggregate each, merged.</summary>
    internal async Task<DigestAggregate> AggregateAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var total = new DigestAggregate();
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(keys, options, async (key, token) =>
        {
            var aggregate = new DigestAggregate();
            var read = await store.ReadIntoAsync(settings.SourceBucket, key, aggregate, token).ConfigureAwait(false);
            aggregate.AddMalformed(read.Malformed + (read.Error is null ? 0 : 1));
            aggregate.AddObject();
            if (read.Error is not null)
            {
                log($"{key}: stopped early after {read.Records} records: {read.Error}");
            }

            lock (total)
            {
                total.Merge(aggregate);
            }
        }).ConfigureAwait(false);
        return total;
    }

    private async Task<DigestSummary> WriteReportAsync(DigestAggregate aggregate, string date, string prefix, CancellationToken cancellationToken)
    {
        var report = DigestReport.From(aggregate, date, settings.SourceBucket, prefix);
        var key = settings.ReportKey(date);
        var json = JsonSerializer.SerializeToUtf8Bytes(report, FunctionsJsonContext.Default.DigestReport);
        await store.PutJsonAsync(settings.ReportBucket, key, json, cancellationToken).ConfigureAwait(false);
        log($"digest {date}: {report.Objects} objects, {report.Requests} requests, {report.Malformed} malformed -> s3://{settings.ReportBucket}/{key}");
        return new DigestSummary(date, settings.ReportBucket, key, report.Objects, report.Requests, report.Malformed, report.ErrorRate, report.LatencyMs.P99);
    }

    private string PartsPrefixOf(string date, string runId) => $"{settings.PartsPrefix}{date}/{runId}/";

    private static void CollectKeys(DigestPartInput input, List<string> keys)
    {
        if (!string.IsNullOrEmpty(input.Key))
        {
            keys.Add(input.Key);
        }

        if (input.Keys is { } many)
        {
            keys.AddRange(many);
        }

        foreach (var item in input.Items ?? [])
        {
            CollectKeys(item, keys);
        }
    }

    private static string? FirstOf(List<DigestPartInput>? items, Func<DigestPartInput, string?> pick)
    {
        foreach (var item in items ?? [])
        {
            if (pick(item) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static void CheckRunId(string? runId)
    {
        if (string.IsNullOrEmpty(runId) || runId.Length > 128 || runId.Contains('/', StringComparison.Ordinal))
        {
            throw new DigestInputException("The runId (from digest-plan) is required: up to 128 characters, no '/'.");
        }
    }

    private static string KeysHash(List<string> keys)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
