using ScottPlot;

namespace Flint.Cli.Charts;

/// <summary>Writes the reports' charts with ScottPlot, each as a PNG and an SVG beside it.</summary>
internal static class ChartWriter
{
    private const int Width = 900;
    private const int Height = 520;

    /// <summary>One box per series: box from p25 to p75, line at the median, whiskers at min and max.</summary>
    /// <returns>The paths written (PNG, then SVG).</returns>
    public static IReadOnlyList<string> BoxPlot(string pathStem, string title, string yLabel, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series)
    {
        var plot = new Plot();
        var boxes = new List<Box>();
        for (var i = 0; i < series.Count; i++)
        {
            var sorted = series[i].Values.Order().ToArray();
            if (sorted.Length == 0)
            {
                continue;
            }

            boxes.Add(new Box
            {
                Position = i,
                WhiskerMin = sorted[0],
                BoxMin = Stats.Summary.Percentile(sorted, 0.25),
                BoxMiddle = Stats.Summary.Percentile(sorted, 0.50),
                BoxMax = Stats.Summary.Percentile(sorted, 0.75),
                WhiskerMax = sorted[^1],
            });
        }

        plot.Add.Boxes(boxes);
        return Save(plot, pathStem, title, yLabel, series.Select(s => s.Label).ToArray());
    }

    /// <summary>One bar per label.</summary>
    /// <returns>The paths written (PNG, then SVG).</returns>
    public static IReadOnlyList<string> Bars(string pathStem, string title, string yLabel, IReadOnlyList<(string Label, double Value)> bars)
    {
        var plot = new Plot();
        var added = plot.Add.Bars(bars.Select(b => b.Value).ToArray());
        foreach (var bar in added.Bars)
        {
            bar.Label = bar.Value.ToString(bar.Value >= 100 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture);
        }

        added.ValueLabelStyle.FontSize = 12;
        plot.Axes.Margins(bottom: 0);
        return Save(plot, pathStem, title, yLabel, bars.Select(b => b.Label).ToArray());
    }

    private static string[] Save(Plot plot, string pathStem, string title, string yLabel, string[] labels)
    {
        plot.Title(title);
        plot.YLabel(yLabel);
        var positions = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        // Labels may hold a line break ("function\nversion memory arch"); leave room for the lines.
        plot.Axes.Bottom.MinimumSize = 20 + 16 * labels.Select(l => l.Split('\n').Length).DefaultIfEmpty(1).Max();
        plot.HideGrid();

        var directory = Path.GetDirectoryName(Path.GetFullPath(pathStem));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var png = pathStem + ".png";
        var svg = pathStem + ".svg";
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return [png, svg];
    }
}
