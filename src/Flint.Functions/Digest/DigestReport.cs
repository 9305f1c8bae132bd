namespace Flint.Functions.Digest;

/// <summary>The day's report, written to <c>REPORT_BUCKET/REPORT_PREFIX{date}.json</c>; the same for <c>digest</c> and the split run.</summary>
internal sealed class DigestReport
{
    public required string Date { get; init; }

    public required string SourceBucket { get; init; }

    public required string SourcePrefix { get; init; }

    public int Objects { get; init; }

    /// <summary>Valid records.</summary>
    public long Requests { get; init; }

    public long Malformed { get; init; }

    public required StatusClassCounts StatusClasses { get; init; }

    /// <summary>5xx / requests (0 when there are none).</summary>
    public double ErrorRate { get; init; }

    /// <summary>4xx / requests (0 when there are none).</summary>
    public double ClientErrorRate { get; init; }

    public required LatencySummary LatencyMs { get; init; }

    public long Bytes { get; init; }

    public int DistinctPaths { get; init; }

    public int DistinctUsers { get; init; }

    public required IReadOnlyList<PathCount> TopPaths { get; init; }

    public required IReadOnlyList<UserCount> TopUsers { get; init; }

    /// <summary>Builds the report of <paramref name="aggregate"/>.</summary>
    public static DigestReport From(DigestAggregate aggregate, string date, string sourceBucket, string sourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var classes = aggregate.StatusClasses;
        var requests = aggregate.Requests;
        var latency = aggregate.Latency;
        var topPaths = new List<PathCount>();
        foreach (var (path, count) in DigestAggregate.Top(aggregate.Paths, DigestAggregate.TopCount))
        {
            topPaths.Add(new PathCount(path, count));
        }

        var topUsers = new List<UserCount>();
        foreach (var (user, count) in DigestAggregate.Top(aggregate.Users, DigestAggregate.TopCount))
        {
            topUsers.Add(new UserCount(user, count));
        }

        return new DigestReport
        {
            Date = date,
            SourceBucket = sourceBucket,
            SourcePrefix = sourcePrefix,
            Objects = aggregate.Objects,
            Requests = requests,
            Malformed = aggregate.Malformed,
            StatusClasses = new StatusClassCounts(classes[0], classes[1], classes[2], classes[3], classes[4]),
            ErrorRate = requests == 0 ? 0 : (double)classes[4] / requests,
            ClientErrorRate = requests == 0 ? 0 : (double)classes[3] / requests,
            LatencyMs = new LatencySummary(
                Millis(latency.PercentileMicros(50)),
                Millis(latency.PercentileMicros(90)),
                Millis(latency.PercentileMicros(99)),
                latency.Count == 0 ? null : latency.MinMicros / 1000.0,
                latency.Count == 0 ? null : latency.MaxMicros / 1000.0,
                latency.Count == 0 ? null : latency.SumMicros / 1000.0 / latency.Count),
            Bytes = aggregate.Bytes,
            DistinctPaths = aggregate.Paths.Count,
            DistinctUsers = aggregate.Users.Count,
            TopPaths = topPaths,
            TopUsers = topUsers,
        };
    }

    private static double? Millis(double? micros) => micros / 1000.0;
}

/// <summary>Requests by status class.</summary>
internal sealed record StatusClassCounts(
    [property: System.Text.Json.Serialization.JsonPropertyName("1xx")] long Informational,
    [property: System.Text.Json.Serialization.JsonPropertyName("2xx")] long Success,
    [property: System.Text.Json.Serialization.JsonPropertyName("3xx")] long Redirection,
    [property: System.Text.Json.Serialization.JsonPropertyName("4xx")] long ClientError,
    [property: System.Text.Json.Serialization.JsonPropertyName("5xx")] long ServerError);

/// <summary>Latency percentiles (within <see cref="LatencyHistogram.RelativePrecision"/>) and exact min/max/mean, in ms; null on an empty day.</summary>
internal sealed record LatencySummary(double? P50, double? P90, double? P99, double? Min, double? Max, double? Mean);

/// <summary>One of the top paths.</summary>
internal sealed record PathCount(string Path, long Requests);

/// <summary>One of the top users.</summary>
internal sealed record UserCount(string User, long Requests);
