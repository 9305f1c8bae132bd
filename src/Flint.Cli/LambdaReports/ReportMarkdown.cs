using System.Text;
using Flint.Cli.Stats;

namespace Flint.Cli.LambdaReports;

/// <summary>Renders the markdown summary of <c>flint report</c>.</summary>
internal static class ReportMarkdown
{
    /// <summary>How many malformed lines are quoted; the rest are only counted.</summary>
    public const int MalformedShown = 5;

    public static string Render(ReportData data, IReadOnlyList<ReportGroup> groups, ReportOptions options, IReadOnlyList<string> charts)
    {
        var md = new StringBuilder();
        md.AppendLine("# Lambda REPORT summary").AppendLine();
        md.AppendLine($"{data.Samples.Count} REPORT lines ({data.Samples.Count(s => s.Line.IsCold)} cold, {data.Samples.Count(s => !s.Line.IsCold)} warm) "
            + $"from {data.Files.Count} file(s); {data.Malformed.Count} malformed line(s) skipped.");
        md.AppendLine();
        foreach (var file in data.Files)
        {
            md.AppendLine($"- `{Path.GetFileName(file.Path)}`: {file.Format}, {file.Records} records, {file.Reports} REPORT, {file.Malformed} malformed");
        }

        md.AppendLine();
        md.AppendLine("Cold = the line has an Init Duration (or a SnapStart Restore Duration). Percentiles are nearest-rank. "
            + (options.Architecture is { } arch
                ? $"Architecture `{arch}` was given with --arch (REPORT lines do not carry it)."
                : "Architecture is not in REPORT lines: it comes from the function, log group or log stream name (`arm64`, `x86_64`), else `unknown`."));
        md.AppendLine();

        md.AppendLine("## Overview").AppendLine();
        md.AppendLine(Format.Row("function", "version", "memory (MB)", "arch", "cold n", "warm n", "init p50 (ms)", "init p99 (ms)", "warm duration p50 (ms)", "warm duration p99 (ms)", "max memory used (MB)", "timeouts/errors"));
        md.AppendLine(Format.Row("---", "---", "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"));
        foreach (var g in groups)
        {
            var init = g.Init;
            var warm = ReportGroup.Duration(g.Warm);
            var memory = ReportGroup.MaxMemory(g.Cold.Concat(g.Warm));
            md.AppendLine(Format.Row(g.Key.Function, g.Key.Version, g.Key.MemorySizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Key.Architecture,
                g.Cold.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Warm.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Ms(init.P50), Format.Ms(init.P99), Format.Ms(warm.P50), Format.Ms(warm.P99), Format.Whole(memory.Max),
                g.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var g in groups)
        {
            md.AppendLine().AppendLine($"## {g.Key}").AppendLine();
            md.AppendLine(Format.Row("start", "metric", "n", "p50", "p90", "p99", "min", "max"));
            md.AppendLine(Format.Row("---", "---", "---:", "---:", "---:", "---:", "---:", "---:"));
            Metric(md, "cold", "init (ms)", g.Init, Format.Ms);
            if (g.Restore.Count > 0)
            {
                Metric(md, "cold", "restore (ms)", g.Restore, Format.Ms);
            }

            foreach (var (start, lines) in new[] { ("cold", g.Cold), ("warm", g.Warm) })
            {
                Metric(md, start, "duration (ms)", ReportGroup.Duration(lines), Format.Ms);
                Metric(md, start, "billed (ms)", ReportGroup.Billed(lines), Format.Whole);
                Metric(md, start, "max memory used (MB)", ReportGroup.MaxMemory(lines), Format.Whole);
            }
        }

        if (data.Malformed.Count > 0)
        {
            md.AppendLine().AppendLine("## Malformed lines").AppendLine();
            md.AppendLine($"{data.Malformed.Count} line(s) looked like REPORT lines or export records but could not be read and were skipped"
                + (data.Malformed.Count > MalformedShown ? $"; the first {MalformedShown}:" : ":"));
            md.AppendLine();
            foreach (var bad in data.Malformed.Take(MalformedShown))
            {
                md.AppendLine($"- `{bad.Location}`: {bad.Problem}");
            }
        }

        if (charts.Count > 0)
        {
            md.AppendLine().AppendLine("## Charts").AppendLine();
            foreach (var chart in charts.Where(c => c.EndsWith(".svg", StringComparison.Ordinal)))
            {
                md.AppendLine($"![{Path.GetFileNameWithoutExtension(chart)}]({Path.GetFileName(chart)})");
            }
        }

        return md.ToString();
    }

    private static void Metric(StringBuilder md, string start, string metric, Summary s, Func<double, string> format)
    {
        if (s.Count == 0)
        {
            return;
        }

        md.AppendLine(Format.Row(start, metric, s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            format(s.P50), format(s.P90), format(s.P99), format(s.Min), format(s.Max)));
    }
}
