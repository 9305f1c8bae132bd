using System.Globalization;
using System.Text.Json;
using Flint.Local;
using Spectre.Console;

namespace Flint.Cli.Demo;

/// <summary>How the demo shows the digest report and the timings.</summary>
internal static class DemoPrinter
{
    /// <summary>The report's headline numbers, status classes, latency percentiles, top paths and users.</summary>
    public static void Report(IAnsiConsole console, JsonElement report)
    {
        var summary = new Table().Title("digest report " + report.GetProperty("date").GetString()).AddColumn("field").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => summary.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("objects", Text(report, "objects"));
        Row("requests", Text(report, "requests"));
        Row("malformed", Text(report, "malformed"));
        if (report.TryGetProperty("statusClasses", out var classes))
        {
            foreach (var status in classes.EnumerateObject())
            {
                Row("status " + status.Name, status.Value.GetRawText());
            }
        }

        Row("error rate (5xx)", Percent(report, "errorRate"));
        Row("client error rate (4xx)", Percent(report, "clientErrorRate"));
        if (report.TryGetProperty("latencyMs", out var latency))
        {
            foreach (var name in new[] { "p50", "p90", "p99", "max" })
            {
                Row($"latency {name} (ms)", latency.TryGetProperty(name, out var v) ? v.GetDouble().ToString("F3", CultureInfo.InvariantCulture) : "-");
            }
        }

        Row("bytes", Text(report, "bytes"));
        console.Write(summary);
        console.Write(Top(report, "topPaths", "path"));
        console.Write(Top(report, "topUsers", "user"));
    }

    /// <summary>Init (cold) and duration of each function's cold and a warm invocation.</summary>
    public static void Timings(IAnsiConsole console, IEnumerable<(string Function, InvocationReport? Cold, InvocationReport? Warm)> rows)
    {
        var table = new Table().Title("timings (Flint.Local, this machine)")
            .AddColumn("function")
            .AddColumn(new TableColumn("cold init ms").RightAligned())
            .AddColumn(new TableColumn("cold duration ms").RightAligned())
            .AddColumn(new TableColumn("warm duration ms").RightAligned())
            .AddColumn(new TableColumn("max memory MB").RightAligned());
        foreach (var (function, cold, warm) in rows)
        {
            table.AddRow(
                Markup.Escape(function),
                Ms(cold?.InitDurationMs),
                Ms(cold?.DurationMs),
                Ms(warm?.DurationMs),
                (warm ?? cold)?.MaxMemoryUsedMB.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        console.Write(table);
    }

    private static Table Top(JsonElement report, string property, string label)
    {
        var table = new Table().Title(property).AddColumn(label).AddColumn(new TableColumn("requests").RightAligned());
        if (report.TryGetProperty(property, out var top))
        {
            foreach (var entry in top.EnumerateArray())
            {
                table.AddRow(Markup.Escape(entry.GetProperty(label).GetString() ?? ""), entry.GetProperty("requests").GetRawText());
            }
        }

        return table;
    }

    private static string Text(JsonElement report, string property) => report.TryGetProperty(property, out var v) ? v.GetRawText() : "-";

    private static string Percent(JsonElement report, string property) =>
        report.TryGetProperty(property, out var v) ? (v.GetDouble() * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Ms(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";
}
