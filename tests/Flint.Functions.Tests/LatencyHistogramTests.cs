using CsCheck;
using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Buckets_tile_the_whole_range_without_gaps()
    {
        long expectedLow = 0;
        for (var i = 0; i < LatencyHistogram.BucketCount; i++)
        {
            var (low, high) = LatencyHistogram.BoundsOf(i);
            Assert.Equal(expectedLow, low);
            Assert.Equal(i, LatencyHistogram.BucketOf(low));
            Assert.Equal(i, LatencyHistogram.BucketOf(high - 1));
            Assert.True((high - low) * 128 <= Math.Max(low, 128), $"bucket {i} is wider than 1/128 of its low bound");
            expectedLow = high;
        }

        Assert.Equal(1L << 40, expectedLow);
    }

    [Fact]
    public void Percentiles_are_within_the_stated_precision_of_the_exact_nearest_rank()
    {
        Gen.Long[0, 5_000_000_000].Array[1, 400].Sample(values =>
        {
            var histogram = new LatencyHistogram();
            foreach (var v in values)
            {
                histogram.RecordMicros(v);
            }

            var sorted = values.Order().ToArray();
            foreach (var p in new[] { 1.0, 50, 90, 99, 99.9, 100 })
            {
                var exact = sorted[(int)Math.Max(1, Math.Ceiling(p * sorted.Length / 100)) - 1];
                var reported = histogram.PercentileMicros(p)!.Value;
                Assert.InRange(reported, exact - (exact * LatencyHistogram.RelativePrecision), exact + (exact * LatencyHistogram.RelativePrecision));
            }
        }, iter: 200);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in new long[] { 3, 1, 2, 255, 7 })
        {
            histogram.RecordMicros(v);
        }

        Assert.Equal(3, histogram.PercentileMicros(50));
        Assert.Equal(255, histogram.PercentileMicros(100));
        Assert.Equal(1, histogram.MinMicros);
        Assert.Equal(268, histogram.SumMicros);
    }

    [Fact]
    public void Ninety_ninth_percentile_of_one_to_a_hundred_is_ninety_nine()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            histogram.RecordMicros(v);
        }

        Assert.Equal(99, histogram.PercentileMicros(99));
        Assert.Equal(50, histogram.PercentileMicros(50));
        Assert.Equal(90, histogram.PercentileMicros(90));
    }

    [Fact]
    public void Merging_two_halves_equals_recording_everything_in_one()
    {
        Gen.Long[0, 1L << 39].Array[0, 300].Select(Gen.Int[0, 300]).Sample((values, cut) =>
        {
            cut = Math.Min(cut, values.Length);
            var whole = new LatencyHistogram();
            var left = new LatencyHistogram();
            var right = new LatencyHistogram();
            for (var i = 0; i < values.Length; i++)
            {
                whole.RecordMicros(values[i]);
                (i < cut ? left : right).RecordMicros(values[i]);
            }

            left.Merge(right);
            Assert.Equal(whole.NonEmptyBuckets(), left.NonEmptyBuckets());
            Assert.Equal((whole.Count, whole.SumMicros, whole.MinMicros, whole.MaxMicros), (left.Count, left.SumMicros, left.MinMicros, left.MaxMicros));
            Assert.Equal(whole.PercentileMicros(99), left.PercentileMicros(99));
        }, iter: 200);
    }

    [Fact]
    public void Empty_histogram_has_no_percentiles()
    {
        Assert.Null(new LatencyHistogram().PercentileMicros(50));
    }

    [Fact]
    public void Milliseconds_are_rounded_to_microseconds()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMilliseconds(12.3456);
        Assert.Equal(12346, histogram.SumMicros);
    }

    [Fact]
    public void Buckets_with_an_unknown_index_are_refused()
    {
        Assert.Throws<FormatException>(() => LatencyHistogram.FromBuckets([[LatencyHistogram.BucketCount, 1]], 0, 0, 0));
        Assert.Throws<FormatException>(() => LatencyHistogram.FromBuckets([[1, 0]], 0, 0, 0));
    }
}
