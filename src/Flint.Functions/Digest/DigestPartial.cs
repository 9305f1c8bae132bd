namespace Flint.Functions.Digest;

/// <summary>
/// A partial aggregate as stored in S3 between <c>digest-part</c> and <c>digest-merge</c>. Maps are
/// complete (never truncated) and latencies are histogram buckets, so merging partials is exact.
/// </summary>
internal sealed class DigestPartial
{
    /// <summary>Format version; merging refuses any other.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The day the partial belongs to (yyyy-MM-dd).</summary>
    public string? Date { get; set; }

    public int Objects { get; set; }

    public long Requests { get; set; }

    public long Malformed { get; set; }

    public long Bytes { get; set; }

    /// <summary>1xx..5xx counts.</summary>
    public long[] StatusClasses { get; set; } = new long[5];

    public PartialLatency Latency { get; set; } = new();

    public Dictionary<string, long> Paths { get; set; } = [];

    public Dictionary<string, long> Users { get; set; } = [];

    internal const int CurrentVersion = 1;

    /// <summary>Captures <paramref name="aggregate"/> completely.</summary>
    public static DigestPartial From(DigestAggregate aggregate, string date)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var buckets = new List<long[]>();
        foreach (var (index, count) in aggregate.Latency.NonEmptyBuckets())
        {
            buckets.Add([index, count]);
        }

        return new DigestPartial
        {
            Date = date,
            Objects = aggregate.Objects,
            Requests = aggregate.Requests,
            Malformed = aggregate.Malformed,
            Bytes = aggregate.Bytes,
            StatusClasses = aggregate.StatusClasses.ToArray(),
            Latency = new PartialLatency
            {
                Layout = LatencyHistogram.LayoutName,
                SumMicros = aggregate.Latency.SumMicros,
                MinMicros = aggregate.Latency.MinMicros,
                MaxMicros = aggregate.Latency.MaxMicros,
                Buckets = [.. buckets],
            },
            Paths = new Dictionary<string, long>(aggregate.Paths, StringComparer.Ordinal),
            Users = new Dictionary<string, long>(aggregate.Users, StringComparer.Ordinal),
        };
    }

    /// <summary>Rebuilds the aggregate; throws <see cref="FormatException"/> for a partial of another version or layout.</summary>
    public DigestAggregate ToAggregate()
    {
        if (Version != CurrentVersion)
        {
            throw new FormatException($"Partial aggregate version {Version} is not {CurrentVersion}.");
        }

        if (Latency is null || Latency.Layout != LatencyHistogram.LayoutName)
        {
            throw new FormatException($"Partial aggregate latency layout is not {LatencyHistogram.LayoutName}.");
        }

        if (StatusClasses is not { Length: 5 })
        {
            throw new FormatException("Partial aggregate must have five status classes.");
        }

        var latency = LatencyHistogram.FromBuckets(Latency.Buckets ?? [], Latency.SumMicros, Latency.MinMicros, Latency.MaxMicros);
        var aggregate = new DigestAggregate();
        aggregate.SetTotals(Objects, Requests, Malformed, Bytes, StatusClasses, latency);
        foreach (var (path, count) in Paths ?? [])
        {
            aggregate.AddCount(user: false, path, count);
        }

        foreach (var (user, count) in Users ?? [])
        {
            aggregate.AddCount(user: true, user, count);
        }

        return aggregate;
    }
}

/// <summary>A serialized <see cref="LatencyHistogram"/>: its layout name, exact sum/min/max, and [index, count] buckets.</summary>
internal sealed class PartialLatency
{
    public string? Layout { get; set; }

    public long SumMicros { get; set; }

    public long MinMicros { get; set; }

    public long MaxMicros { get; set; }

    public long[][]? Buckets { get; set; }
}
