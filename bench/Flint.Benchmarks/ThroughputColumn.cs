using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Flint.Benchmarks;

/// <summary>
/// MB/s: the JSON a benchmark case processes (its <c>SizeMB</c> parameter, MiB, before any compression) over its
/// mean time per operation. Empty for suites without a size.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public const string Name = "MB/s";

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => Name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "MiB of JSON (decompressed) processed per second: SizeMB / mean time per operation";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => MegabytesOf(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mb = MegabytesOf(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean; // nanoseconds
        if (mb is null || mean is not > 0)
        {
            return "-";
        }

        return (mb.Value / (mean.Value / 1e9)).ToString("F1", CultureInfo.InvariantCulture);
    }

    private static double? MegabytesOf(BenchmarkCase benchmarkCase)
    {
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Name == "SizeMB" && parameter.Value is int size)
            {
                return size;
            }
        }

        return null;
    }
}
