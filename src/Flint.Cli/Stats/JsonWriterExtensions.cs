using System.Text.Json;

namespace Flint.Cli.Stats;

/// <summary>Writes summaries and optional numbers the same way in every JSON report (null for no data, never NaN).</summary>
internal static class JsonWriterExtensions
{
    public static void WriteSummary(this Utf8JsonWriter json, string name, Summary summary)
    {
        if (summary.Count == 0)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("count", summary.Count);
        json.WriteNumber("p50", summary.P50);
        json.WriteNumber("p90", summary.P90);
        json.WriteNumber("p99", summary.P99);
        json.WriteNumber("min", summary.Min);
        json.WriteNumber("max", summary.Max);
        json.WriteEndObject();
    }

    public static void WriteOptional(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
