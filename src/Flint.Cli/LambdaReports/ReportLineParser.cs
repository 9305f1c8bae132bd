using System.Globalization;
using System.Text.RegularExpressions;

namespace Flint.Cli.LambdaReports;

/// <summary>
/// Parses the text of a Lambda <c>REPORT</c> line:
/// <c>REPORT RequestId: id\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tInit Duration: 67.89 ms</c>.
/// Fields may be separated by tabs or spaces and may be followed by XRAY, Status and Error Type fields; text before
/// <c>REPORT</c> (a timestamp, a log stream) and after the last field is ignored.
/// </summary>
internal static partial class ReportLineParser
{
    /// <summary>The marker that makes a line a REPORT line (and a malformed one if the rest does not parse).</summary>
    public const string Marker = "REPORT RequestId:";

    [GeneratedRegex(
        @"\b(?<key>RequestId|Billed Restore Duration|Restore Duration|Init Duration|Billed Duration|Duration|Memory Size|Max Memory Used|XRAY TraceId|SegmentId|Sampled|Status|Error Type):[ \t]*(?<value>[^\s]*)(?:[ \t]+(?<unit>ms|MB)\b)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    /// <summary>True when <paramref name="text"/> holds the REPORT marker, whether or not it parses.</summary>
    public static bool IsReportLine(string text) => text.Contains(Marker, StringComparison.Ordinal);

    /// <summary>Parses the REPORT line inside <paramref name="text"/>.</summary>
    /// <param name="text">A log line or message holding <see cref="Marker"/>.</param>
    /// <param name="line">The parsed values when this returns true.</param>
    /// <param name="problem">Why the line is malformed when this returns false.</param>
    public static bool TryParse(string text, out ReportLine line, out string problem)
    {
        line = null!;
        var start = text.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            problem = "no 'REPORT RequestId:'";
            return false;
        }

        var fields = new Dictionary<string, (string Value, string Unit)>(StringComparer.Ordinal);
        foreach (Match match in FieldPattern().Matches(text, start))
        {
            fields.TryAdd(match.Groups["key"].Value, (match.Groups["value"].Value, match.Groups["unit"].Value));
        }

        if (!fields.TryGetValue("RequestId", out var id) || id.Value.Length == 0)
        {
            problem = "empty RequestId";
            return false;
        }

        if (!Milliseconds(fields, "Duration", required: true, out var duration, out problem)
            || !Milliseconds(fields, "Billed Duration", required: true, out var billed, out problem)
            || !Megabytes(fields, "Memory Size", out var memory, out problem)
            || !Megabytes(fields, "Max Memory Used", out var used, out problem)
            || !Milliseconds(fields, "Init Duration", required: false, out var init, out problem)
            || !Milliseconds(fields, "Restore Duration", required: false, out var restore, out problem))
        {
            return false;
        }

        line = new ReportLine(
            id.Value,
            duration!.Value,
            billed!.Value,
            memory,
            used,
            init,
            restore,
            fields.TryGetValue("Status", out var status) ? status.Value : null,
            fields.TryGetValue("Error Type", out var errorType) ? errorType.Value : null,
            fields.TryGetValue("XRAY TraceId", out var trace) ? trace.Value : null);
        problem = "";
        return true;
    }

    private static bool Milliseconds(Dictionary<string, (string Value, string Unit)> fields, string key, bool required, out double? value, out string problem)
    {
        value = null;
        problem = "";
        if (!fields.TryGetValue(key, out var field))
        {
            if (required)
            {
                problem = $"missing '{key}'";
            }

            return !required;
        }

        if (field.Unit != "ms" || !TryNumber(field.Value, out var number))
        {
            problem = $"'{key}' is not a number of ms: '{field.Value}'";
            return false;
        }

        value = number;
        return true;
    }

    private static bool Megabytes(Dictionary<string, (string Value, string Unit)> fields, string key, out int value, out string problem)
    {
        value = 0;
        problem = "";
        if (!fields.TryGetValue(key, out var field))
        {
            problem = $"missing '{key}'";
            return false;
        }

        if (field.Unit != "MB" || !int.TryParse(field.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            problem = $"'{key}' is not a whole number of MB: '{field.Value}'";
            return false;
        }

        return true;
    }

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
