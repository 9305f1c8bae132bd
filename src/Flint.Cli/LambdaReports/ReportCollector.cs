using System.Globalization;

namespace Flint.Cli.LambdaReports;

/// <summary>How samples without a log group or architecture in their export are labelled.</summary>
/// <param name="Function">Function name for exports that carry no log group (filter-log-events, tail); default "unknown".</param>
/// <param name="Architecture">Architecture for every sample; when null, taken from naming conventions (see <see cref="LogNames"/>), else "unknown".</param>
internal sealed record ReportOptions(string? Function = null, string? Architecture = null);

/// <summary>What one file gave.</summary>
internal sealed record FileSummary(string Path, string Format, int Records, int Reports, int Malformed);

/// <summary>Every sample and every malformed line of a set of exports.</summary>
internal sealed record ReportData(IReadOnlyList<ReportSample> Samples, IReadOnlyList<MalformedLine> Malformed, IReadOnlyList<FileSummary> Files);

/// <summary>Turns exports into grouped samples, counting what it must skip.</summary>
internal static class ReportCollector
{
    public const string Unknown = "unknown";

    /// <summary>Reads <paramref name="paths"/>.</summary>
    /// <exception cref="ReportInputException">A file is missing or holds no REPORT line at all.</exception>
    public static ReportData Collect(IReadOnlyList<string> paths, ReportOptions options)
    {
        var samples = new List<ReportSample>();
        var malformed = new List<MalformedLine>();
        var files = new List<FileSummary>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ReportInputException($"{path}: no such file");
            }

            var (records, unreadable, format) = LogExportReader.Read(path, File.ReadAllText(path));
            var before = samples.Count;
            var fileMalformed = new List<MalformedLine>(unreadable);
            foreach (var record in records)
            {
                AddRecord(record, options, samples, fileMalformed);
            }

            if (samples.Count == before && fileMalformed.Count == 0)
            {
                throw new ReportInputException($"{path}: no REPORT line in {records.Count} {format} records");
            }

            if (samples.Count == before)
            {
                throw new ReportInputException(
                    $"{path}: no readable REPORT line; {fileMalformed.Count} malformed, first at {fileMalformed[0].Location}: {fileMalformed[0].Problem}");
            }

            malformed.AddRange(fileMalformed);
            files.Add(new FileSummary(path, format, records.Count, samples.Count - before, fileMalformed.Count));
        }

        return new ReportData(samples, malformed, files);
    }

    private static void AddRecord(LogRecord record, ReportOptions options, List<ReportSample> samples, List<MalformedLine> malformed)
    {
        ReportLine line;
        string problem;
        if (record.Message is { } message && ReportLineParser.IsReportLine(message))
        {
            if (!ReportLineParser.TryParse(message, out line, out problem))
            {
                malformed.Add(new MalformedLine(record.Location, problem, message.Trim()));
                return;
            }
        }
        else if (record.InsightsFields is { } fields)
        {
            if (fields.GetValueOrDefault("@type") is { Length: > 0 } type && type != "REPORT")
            {
                return;
            }

            if (!TryFromFields(fields, out line, out problem))
            {
                malformed.Add(new MalformedLine(record.Location, problem, string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"))));
                return;
            }
        }
        else
        {
            return; // START, END, application logs: not REPORT lines.
        }

        var function = LogNames.FunctionOf(record.LogGroup) ?? options.Function ?? Unknown;
        var architecture = options.Architecture ?? LogNames.ArchitectureOf(function, record.LogGroup, record.LogStream) ?? Unknown;
        samples.Add(new ReportSample(function, LogNames.VersionOf(record.LogStream) ?? Unknown, architecture, record.LogStream, record.Timestamp, record.Location, line));
    }

    /// <summary>A REPORT from the fields a Logs Insights query parses; memory there is in bytes (decimal MB × 10⁶).</summary>
    private static bool TryFromFields(IReadOnlyDictionary<string, string> fields, out ReportLine line, out string problem)
    {
        line = null!;
        double? init = null;
        if (!Number(fields, "@duration", out var duration, out problem)
            || !Number(fields, "@billedDuration", out var billed, out problem)
            || !Number(fields, "@memorySize", out var memory, out problem)
            || !Number(fields, "@maxMemoryUsed", out var used, out problem))
        {
            return false;
        }

        if (fields.TryGetValue("@initDuration", out var initText) && initText.Length > 0)
        {
            if (!ReportLineParser.TryNumber(initText, out var initValue))
            {
                problem = $"'@initDuration' is not a number: '{initText}'";
                return false;
            }

            init = initValue;
        }

        line = new ReportLine(fields.GetValueOrDefault("@requestId") ?? Unknown, duration, billed, Megabytes(memory), Megabytes(used), init);
        return true;
    }

    // Lambda memory is at most 10,240 MB: a larger number is Insights' byte count.
    private static int Megabytes(double value) => (int)Math.Round(value > 10_240 ? value / 1_000_000 : value, MidpointRounding.AwayFromZero);

    private static bool Number(IReadOnlyDictionary<string, string> fields, string key, out double value, out string problem)
    {
        problem = "";
        if (fields.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        problem = text is null ? $"missing '{key}'" : $"'{key}' is not a number: '{text}'";
        return false;
    }
}

/// <summary>An input problem that ends <c>flint report</c> with a message and a non-zero exit code.</summary>
internal sealed class ReportInputException(string message) : Exception(message);
