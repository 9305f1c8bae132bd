using System.Text.Json;
using Flint.Cli.Stats;

namespace Flint.Cli.LambdaReports;

/// <summary>Writes the JSON of <c>flint report</c>: files, malformed lines, group summaries and every raw sample.</summary>
internal static class ReportJson
{
    public static void Write(Stream stream, ReportData data, IReadOnlyList<ReportGroup> groups)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("generatedUtc", DateTimeOffset.UtcNow);

        json.WriteStartArray("files");
        foreach (var file in data.Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteString("format", file.Format);
            json.WriteNumber("records", file.Records);
            json.WriteNumber("reports", file.Reports);
            json.WriteNumber("malformed", file.Malformed);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("malformed");
        foreach (var bad in data.Malformed)
        {
            json.WriteStartObject();
            json.WriteString("location", bad.Location);
            json.WriteString("problem", bad.Problem);
            json.WriteString("text", bad.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("groups");
        foreach (var g in groups)
        {
            json.WriteStartObject();
            WriteKey(json, g.Key);
            json.WriteNumber("failures", g.Failures);
            json.WriteStartObject("cold");
            json.WriteSummary("initMs", g.Init);
            json.WriteSummary("restoreMs", g.Restore);
            WriteSummaries(json, g.Cold);
            json.WriteEndObject();
            json.WriteStartObject("warm");
            WriteSummaries(json, g.Warm);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("samples");
        foreach (var s in data.Samples)
        {
            json.WriteStartObject();
            WriteKey(json, s.Group);
            json.WriteBoolean("cold", s.Line.IsCold);
            json.WriteString("requestId", s.Line.RequestId);
            json.WriteNumber("durationMs", s.Line.DurationMs);
            json.WriteNumber("billedDurationMs", s.Line.BilledDurationMs);
            json.WriteNumber("maxMemoryUsedMb", s.Line.MaxMemoryUsedMb);
            json.WriteOptional("initDurationMs", s.Line.InitDurationMs);
            json.WriteOptional("restoreDurationMs", s.Line.RestoreDurationMs);
            json.WriteString("status", s.Line.Status);
            json.WriteString("errorType", s.Line.ErrorType);
            json.WriteString("traceId", s.Line.TraceId);
            json.WriteString("logStream", s.LogStream);
            if (s.Timestamp is { } ts)
            {
                json.WriteString("timestamp", ts);
            }
            else
            {
                json.WriteNull("timestamp");
            }

            json.WriteString("location", s.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter json, GroupKey key)
    {
        json.WriteString("function", key.Function);
        json.WriteString("version", key.Version);
        json.WriteNumber("memorySizeMb", key.MemorySizeMb);
        json.WriteString("architecture", key.Architecture);
    }

    private static void WriteSummaries(Utf8JsonWriter json, IReadOnlyList<ReportLine> lines)
    {
        json.WriteSummary("durationMs", ReportGroup.Duration(lines));
        json.WriteSummary("billedDurationMs", ReportGroup.Billed(lines));
        json.WriteSummary("maxMemoryUsedMb", ReportGroup.MaxMemory(lines));
    }
}
