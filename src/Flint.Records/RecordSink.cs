using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flint.Records;

/// <summary>
/// Where a parser hands each record's UTF-8 JSON; counts records and malformed ones and keeps samples.
/// </summary>
internal abstract class RecordSink(RecordReaderOptions options)
{
    private List<MalformedRecord>? samples;

    public long Records { get; private set; }

    public long Malformed { get; private set; }

    public IReadOnlyList<MalformedRecord> Samples => samples ?? (IReadOnlyList<MalformedRecord>)[];

    /// <summary>
    /// Parses and delivers one record; false (with the reason) when it does not parse, and the caller then
    /// <see cref="Reject"/>s it with its line number, which is only worked out for the rare malformed record.
    /// </summary>
    public bool Accept(ReadOnlySpan<byte> json, out string reason)
    {
        if (TryDeliver(json, out reason))
        {
            Records++;
            return true;
        }

        return false;
    }

    /// <summary>Counts a malformed record and keeps it as a sample while there is room.</summary>
    public void Reject(ReadOnlySpan<byte> json, long line, string reason)
    {
        Malformed++;
        if (options.MaxSamples <= 0 || samples?.Count >= options.MaxSamples)
        {
            return;
        }

        var cut = json[..Math.Min(json.Length, Math.Max(0, options.SampleBytes))];
        (samples ??= []).Add(new MalformedRecord(line, Encoding.UTF8.GetString(cut), reason));
    }

    /// <summary>Delivers a record; false (with a reason) when it is malformed.</summary>
    protected abstract bool TryDeliver(ReadOnlySpan<byte> json, out string reason);
}

/// <summary>Deserializes each record through source-generated metadata and calls back with it.</summary>
internal sealed class TypedRecordSink<T>(JsonTypeInfo<T> typeInfo, Action<T> onRecord, RecordReaderOptions options)
    : RecordSink(options)
{
    protected override bool TryDeliver(ReadOnlySpan<byte> json, out string reason)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            reason = e.Message;
            return false;
        }

        if (value is null)
        {
            reason = "The record is JSON null.";
            return false;
        }

        // Outside the try: an exception thrown by the caller's callback is theirs, not a malformed record.
        onRecord(value);
        reason = "";
        return true;
    }
}

/// <summary>Hands each record's raw UTF-8 JSON to the caller, who parses it with no intermediate object.</summary>
internal sealed class SpanRecordSink(RecordSpanHandler onRecord, RecordReaderOptions options) : RecordSink(options)
{
    protected override bool TryDeliver(ReadOnlySpan<byte> json, out string reason)
    {
        try
        {
            if (onRecord(json))
            {
                reason = "";
                return true;
            }

            reason = "Rejected by the record handler.";
            return false;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            reason = e.Message;
            return false;
        }
    }
}
