using System.Collections.Concurrent;
using Flint.Functions.Digest;
using Flint.Functions.Storage;

namespace Flint.Functions.Tests;

/// <summary>Objects in memory: log objects as record lists (plus a malformed count), other objects as bytes.</summary>
internal sealed class InMemoryLogStore : ILogStore
{
    public ConcurrentDictionary<(string Bucket, string Key), (IReadOnlyList<AccessLogRecord> Records, long Malformed)> Logs { get; } = new();

    public ConcurrentDictionary<(string Bucket, string Key), byte[]> Blobs { get; } = new();

    public HashSet<string> Buckets { get; } = ["logs", "reports"];

    public int MaxConcurrentReads { get; private set; }

    /// <summary>
    /// When set, every read waits until this many reads are in progress at once (or 10 s pass, so a reader that never
    /// overlaps them ends the test instead of hanging it): a sequential reader then shows a maximum of 1.
    /// </summary>
    public int? HoldReadsUntilConcurrent { get; init; }

    private readonly TaskCompletionSource enoughReaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reading;

    public Task<IReadOnlyList<string>> ListKeysAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        RequireBucket(bucket);
        var keys = Logs.Keys.Concat(Blobs.Keys)
            .Where(k => k.Bucket == bucket && k.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public async Task<ObjectReadResult> ReadIntoAsync(string bucket, string key, DigestAggregate aggregate, CancellationToken cancellationToken)
    {
        RequireBucket(bucket);
        var now = Interlocked.Increment(ref reading);
        lock (this)
        {
            MaxConcurrentReads = Math.Max(MaxConcurrentReads, now);
        }

        if (HoldReadsUntilConcurrent is { } wanted)
        {
            if (now >= wanted)
            {
                enoughReaders.TrySetResult();
            }

            await Task.WhenAny(enoughReaders.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        }
        else
        {
            await Task.Delay(5, cancellationToken);
        }

        Interlocked.Decrement(ref reading);
        var (records, malformed) = Logs[(bucket, key)];
        foreach (var record in records)
        {
            aggregate.Add(record);
        }

        return new ObjectReadResult(records.Count, malformed, null);
    }

    public Task<byte[]> GetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        RequireBucket(bucket);
        return Blobs.TryGetValue((bucket, key), out var bytes)
            ? Task.FromResult(bytes)
            : throw new ObjectNotFoundException($"s3://{bucket}/{key} does not exist.");
    }

    public Task PutJsonAsync(string bucket, string key, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        RequireBucket(bucket);
        Blobs[(bucket, key)] = json.ToArray();
        return Task.CompletedTask;
    }

    private void RequireBucket(string bucket)
    {
        if (!Buckets.Contains(bucket))
        {
            throw new BucketNotFoundException($"Bucket {bucket} does not exist.");
        }
    }
}
