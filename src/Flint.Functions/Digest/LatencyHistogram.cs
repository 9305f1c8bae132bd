using System.Numerics;

namespace Flint.Functions.Digest;

/// <summary>
/// A log-linear histogram of latencies in whole microseconds with a fixed bucket layout, so two
/// histograms merge exactly by adding counts (the result equals one histogram of all the values).
/// </summary>
/// <remarks>
/// Layout ("log-linear-8"): values below 256 µs have a bucket each (exact); above, every power of two
/// [2^e, 2^(e+1)) is split into 128 equal buckets. A percentile is reported as the middle of the bucket
/// holding the nearest-rank value, so it is within 1/256 (0.4 %) of the true value, plus the 0.5 µs of
/// rounding milliseconds to microseconds. Values up to 2^40 µs (about 12.7 days) are accepted.
/// </remarks>
internal sealed class LatencyHistogram
{
    /// <summary>The name written with serialized buckets; merging refuses any other layout.</summary>
    public const string LayoutName = "log-linear-8";

    /// <summary>The largest latency accepted, in milliseconds (exclusive).</summary>
    public const double MaxMilliseconds = (1L << MaxExponent) / 1000.0;

    /// <summary>The worst relative error of a reported percentile (excluding microsecond rounding).</summary>
    public const double RelativePrecision = 1.0 / 256;

    private const int LinearBits = 8;                     // 256 exact buckets
    private const int SubBuckets = 1 << (LinearBits - 1); // 128 per power of two above them
    private const int MaxExponent = 40;
    internal const int BucketCount = (1 << LinearBits) + ((MaxExponent - LinearBits) * SubBuckets);

    private readonly long[] counts = new long[BucketCount];

    /// <summary>Number of values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the recorded values in microseconds (exact).</summary>
    public long SumMicros { get; private set; }

    /// <summary>Smallest recorded value in microseconds, or 0 when empty.</summary>
    public long MinMicros { get; private set; }

    /// <summary>Largest recorded value in microseconds, or 0 when empty.</summary>
    public long MaxMicros { get; private set; }

    /// <summary>Records a latency given in milliseconds, rounded to the nearest microsecond.</summary>
    public void RecordMilliseconds(double milliseconds) => RecordMicros((long)Math.Round(milliseconds * 1000.0));

    /// <summary>Records a latency in microseconds.</summary>
    public void RecordMicros(long micros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(micros, 1L << MaxExponent);
        counts[BucketOf(micros)]++;
        MinMicros = Count == 0 ? micros : Math.Min(MinMicros, micros);
        MaxMicros = Count == 0 ? micros : Math.Max(MaxMicros, micros);
        SumMicros += micros;
        Count++;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        MinMicros = Count == 0 ? other.MinMicros : Math.Min(MinMicros, other.MinMicros);
        MaxMicros = Count == 0 ? other.MaxMicros : Math.Max(MaxMicros, other.MaxMicros);
        SumMicros += other.SumMicros;
        Count += other.Count;
    }

    /// <summary>
    /// The nearest-rank percentile in microseconds (the middle of its bucket, clamped to the observed
    /// min and max), or null when empty.
    /// </summary>
    public double? PercentileMicros(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (Count == 0)
        {
            return null;
        }

        // Multiply first: exact for whole percents, so rank(99 %, 100 values) is 99, not 100.
        var rank = Math.Max(1L, (long)Math.Ceiling(percent * Count / 100.0));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(Middle(i), MinMicros, MaxMicros);
            }
        }

        return MaxMicros;
    }

    /// <summary>The non-empty buckets as (index, count) pairs, in index order.</summary>
    public IEnumerable<(int Index, long Count)> NonEmptyBuckets()
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 0)
            {
                yield return (i, counts[i]);
            }
        }
    }

    /// <summary>Rebuilds a histogram from its serialized parts; throws <see cref="FormatException"/> when they disagree.</summary>
    public static LatencyHistogram FromBuckets(IEnumerable<long[]> buckets, long sumMicros, long minMicros, long maxMicros)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var histogram = new LatencyHistogram();
        foreach (var pair in buckets)
        {
            if (pair is not { Length: 2 } || pair[0] < 0 || pair[0] >= BucketCount || pair[1] <= 0)
            {
                throw new FormatException("A latency bucket must be [index, count] with a known index and a positive count.");
            }

            histogram.counts[pair[0]] += pair[1];
            histogram.Count += pair[1];
        }

        histogram.SumMicros = sumMicros;
        histogram.MinMicros = histogram.Count == 0 ? 0 : minMicros;
        histogram.MaxMicros = histogram.Count == 0 ? 0 : maxMicros;
        return histogram;
    }

    internal static int BucketOf(long micros)
    {
        if (micros < 1L << LinearBits)
        {
            return (int)micros;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)micros); // >= LinearBits
        var shift = exponent - (LinearBits - 1);
        var mantissa = (int)(micros >> shift);                             // in [128, 256)
        return (1 << LinearBits) + ((exponent - LinearBits) * SubBuckets) + (mantissa - SubBuckets);
    }

    internal static (long Low, long HighExclusive) BoundsOf(int index)
    {
        if (index < 1 << LinearBits)
        {
            return (index, index + 1L);
        }

        var offset = index - (1 << LinearBits);
        var exponent = LinearBits + (offset / SubBuckets);
        var shift = exponent - (LinearBits - 1);
        var mantissa = SubBuckets + (offset % SubBuckets);
        return ((long)mantissa << shift, (long)(mantissa + 1) << shift);
    }

    private static double Middle(int index)
    {
        var (low, high) = BoundsOf(index);
        return high - low == 1 ? low : (low + high - 1) / 2.0;
    }
}
