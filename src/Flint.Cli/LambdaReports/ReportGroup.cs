using Flint.Cli.Stats;

namespace Flint.Cli.LambdaReports;

/// <summary>The samples of one function, version, memory size and architecture, split into cold and warm starts.</summary>
internal sealed record ReportGroup(GroupKey Key, IReadOnlyList<ReportLine> Cold, IReadOnlyList<ReportLine> Warm)
{
    /// <summary>Groups <paramref name="samples"/>, ordered by function, version, memory and architecture.</summary>
    public static IReadOnlyList<ReportGroup> From(IEnumerable<ReportSample> samples) =>
        samples
            .GroupBy(s => s.Group)
            .OrderBy(g => g.Key.Function, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Version, StringComparer.Ordinal)
            .ThenBy(g => g.Key.MemorySizeMb)
            .ThenBy(g => g.Key.Architecture, StringComparer.Ordinal)
            .Select(g => new ReportGroup(
                g.Key,
                g.Where(s => s.Line.IsCold).Select(s => s.Line).ToArray(),
                g.Where(s => !s.Line.IsCold).Select(s => s.Line).ToArray()))
            .ToArray();

    /// <summary>Lines whose Status says the invocation timed out or failed.</summary>
    public int Failures => Cold.Concat(Warm).Count(l => l.Status is not null || l.ErrorType is not null);

    public Summary Init => Summary.Of(Cold.Where(l => l.InitDurationMs is not null).Select(l => l.InitDurationMs!.Value));

    public Summary Restore => Summary.Of(Cold.Where(l => l.RestoreDurationMs is not null).Select(l => l.RestoreDurationMs!.Value));

    public static Summary Duration(IEnumerable<ReportLine> lines) => Summary.Of(lines.Select(l => l.DurationMs));

    public static Summary Billed(IEnumerable<ReportLine> lines) => Summary.Of(lines.Select(l => l.BilledDurationMs));

    public static Summary MaxMemory(IEnumerable<ReportLine> lines) => Summary.Of(lines.Select(l => (double)l.MaxMemoryUsedMb));
}
