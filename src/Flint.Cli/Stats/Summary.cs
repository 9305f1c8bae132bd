namespace Flint.Cli.Stats;

/// <summary>Order statistics of one set of samples; percentiles by nearest rank, so every value is a real sample.</summary>
internal readonly record struct Summary(int Count, double P50, double P90, double P99, double Min, double Max)
{
    /// <summary>Summarises <paramref name="values"/>; an empty set gives <see cref="Count"/> 0 and NaN elsewhere.</summary>
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(sorted);
        return new Summary(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.90),
            Percentile(sorted, 0.99),
            sorted[0],
            sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest sample with at least p of the set at or below it.</summary>
    public static double Percentile(double[] ascending, double p)
    {
        var rank = (int)Math.Ceiling(p * ascending.Length);
        return ascending[Math.Clamp(rank, 1, ascending.Length) - 1];
    }
}
