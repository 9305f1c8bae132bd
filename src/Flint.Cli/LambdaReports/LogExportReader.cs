using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flint.Cli.LambdaReports;

/// <summary>
/// Reads the ways users export CloudWatch Logs, recognised by content rather than file extension:
/// plain text (<c>aws logs filter-log-events --output text</c>, <c>aws logs tail</c>, copied log lines),
/// <c>filter-log-events</c> JSON (<c>{"events":[...]}</c>), Logs Insights CSV and JSON exports
/// (<c>@timestamp, @message, @logStream, @log</c> or parsed fields such as <c>@duration</c>),
/// and <c>aws logs get-query-results</c> JSON (<c>{"results":[[{"field","value"}]]}</c>).
/// </summary>
internal static partial class LogExportReader
{
    [GeneratedRegex(@"^(?<ts>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))\s")]
    private static partial Regex TailTimestamp();

    /// <summary>The records of one export and the records that could not be read at all.</summary>
    public static (List<LogRecord> Records, List<MalformedLine> Unreadable, string Format) Read(string path, string text)
    {
        var name = Path.GetFileName(path);
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            return ReadJson(name, text);
        }

        var firstLine = trimmed.IndexOf('\n') is var nl and >= 0 ? trimmed[..nl] : trimmed;
        if (firstLine.Contains(',') && firstLine.Contains('@'))
        {
            return ReadCsv(name, text);
        }

        return (ReadText(name, text), [], "text");
    }

    private static List<LogRecord> ReadText(string name, string text)
    {
        var records = new List<LogRecord>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var tail = TailTimestamp().Match(line);
            DateTimeOffset? timestamp = tail.Success
                ? DateTimeOffset.Parse(tail.Groups["ts"].Value, CultureInfo.InvariantCulture)
                : null;
            records.Add(new LogRecord($"{name}:{lineNumber}", line.TrimEnd('\r'), LogNames.FindLogGroup(line), LogNames.FindLogStream(line), timestamp));
        }

        return records;
    }

    private static (List<LogRecord>, List<MalformedLine>, string) ReadCsv(string name, string text)
    {
        var records = new List<LogRecord>();
        var unreadable = new List<MalformedLine>();
        List<string>? header = null;
        foreach (var (line, cells) in CsvReader.Rows(text))
        {
            if (header is null)
            {
                header = cells;
                continue;
            }

            if (cells.Count != header.Count)
            {
                unreadable.Add(new MalformedLine($"{name}:{line}", $"{cells.Count} CSV fields, the header has {header.Count}", string.Join(",", cells)));
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < cells.Count; i++)
            {
                fields[header[i].Trim()] = cells[i];
            }

            records.Add(FromInsightsRow($"{name}:{line}", fields));
        }

        return (records, unreadable, "Logs Insights CSV");
    }

    private static (List<LogRecord>, List<MalformedLine>, string) ReadJson(string name, string text)
    {
        var records = new List<LogRecord>();
        var unreadable = new List<MalformedLine>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            unreadable.Add(new MalformedLine($"{name}:{e.LineNumber + 1}", "invalid JSON: " + e.Message, ""));
            return (records, unreadable, "JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var e in events.EnumerateArray())
                {
                    index++;
                    var stream = Text(e, "logStreamName");
                    DateTimeOffset? timestamp = e.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var ms)
                        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                        : null;
                    records.Add(new LogRecord($"{name}#event{index}", Text(e, "message"), Text(e, "logGroupName"), stream, timestamp));
                }

                return (records, unreadable, "filter-log-events JSON");
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var row in results.EnumerateArray())
                {
                    index++;
                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var cell in row.EnumerateArray())
                    {
                        if (Text(cell, "field") is { } field)
                        {
                            fields[field] = Text(cell, "value") ?? "";
                        }
                    }

                    records.Add(FromInsightsRow($"{name}#result{index}", fields));
                }

                return (records, unreadable, "get-query-results JSON");
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var row in root.EnumerateArray())
                {
                    index++;
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        unreadable.Add(new MalformedLine($"{name}#row{index}", "not a JSON object", row.GetRawText()));
                        continue;
                    }

                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var property in row.EnumerateObject())
                    {
                        fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }

                    records.Add(FromInsightsRow($"{name}#row{index}", fields));
                }

                return (records, unreadable, "Logs Insights JSON");
            }

            unreadable.Add(new MalformedLine($"{name}:1", "JSON is neither {\"events\": [...]}, {\"results\": [...]} nor an array of Logs Insights rows", ""));
            return (records, unreadable, "JSON");
        }
    }

    private static LogRecord FromInsightsRow(string location, Dictionary<string, string> fields)
    {
        fields.TryGetValue("@message", out var message);
        fields.TryGetValue("@logStream", out var stream);
        // @log is "<account>:<log group>".
        var group = fields.TryGetValue("@log", out var log) ? log[(log.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
        group ??= fields.GetValueOrDefault("@logGroup");
        DateTimeOffset? timestamp = fields.TryGetValue("@timestamp", out var ts)
            && DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
        return new LogRecord(location, message, group, stream, timestamp, fields.ContainsKey("@duration") ? fields : null);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
