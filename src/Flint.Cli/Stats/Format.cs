using System.Globalization;

namespace Flint.Cli.Stats;

/// <summary>Number formatting shared by the markdown reports: invariant culture, fixed decimals, a dash for no data.</summary>
internal static class Format
{
    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Whole(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A markdown table row from its cells.</summary>
    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";
}
