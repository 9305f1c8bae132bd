using System.Text.Json;

namespace Flint.Aws;

/// <summary>
/// Reads a JSON array of records, or the <c>Records</c> array of an object, incrementally: a
/// <see cref="Utf8JsonReader"/> resumes from <see cref="JsonReaderState"/> after each refill, and an element
/// is handed on only once <see cref="Utf8JsonReader.TrySkip"/> on a copy of the reader proves it complete.
/// </summary>
internal sealed class JsonArrayParser(RecordSink sink, bool recordsObject) : RecordParser
{
    private enum Stage { Start, SeekRecords, Elements }

    private static ReadOnlySpan<byte> RecordsName => "Records"u8;

    private Stage stage;
    private JsonReaderState state;

    // Newlines in everything consumed so far, so that samples can name a line.
    private long linesConsumed;

    public override int Parse(ReadOnlySpan<byte> data, bool isFinal)
    {
        var reader = new Utf8JsonReader(data, isFinal, state);
        var safe = 0;
        try
        {
            while (!Done && Step(ref reader, data))
            {
                safe = (int)reader.BytesConsumed;
                state = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            // Broken structure: nothing after it can be trusted to line up with records.
            var at = (int)Math.Min(reader.BytesConsumed, data.Length);
            sink.Reject(data[at..], linesConsumed + LinesIn(data[..at]) + 1, e.Message);
            Stop($"Invalid JSON structure: {e.Message}");
            return data.Length;
        }

        if (!Done && isFinal)
        {
            Stop("The JSON ended before its array closed.");
            return data.Length;
        }

        linesConsumed += LinesIn(data[..safe]);
        return safe;
    }

    public override int SkipOversized(ReadOnlySpan<byte> data, int maxRecordBytes)
    {
        Stop($"An array element is longer than {maxRecordBytes} bytes.");
        return data.Length;
    }

    /// <summary>Advances over one unit (opening token, skipped property, element); false when it needs more bytes.</summary>
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        var probe = reader;
        if (!probe.Read())
        {
            return false;
        }

        switch (stage)
        {
            case Stage.Start:
                var expected = recordsObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
                if (probe.TokenType != expected)
                {
                    Stop(recordsObject ? "The object does not start with '{'." : "The array does not start with '['.");
                    return false;
                }

                stage = recordsObject ? Stage.SeekRecords : Stage.Elements;
                break;

            case Stage.SeekRecords:
                if (probe.TokenType == JsonTokenType.EndObject)
                {
                    Stop("The object has no \"Records\" array.");
                    return false;
                }

                var isRecords = probe.ValueTextEquals(RecordsName);
                if (!probe.Read())
                {
                    return false;
                }

                if (isRecords && probe.TokenType == JsonTokenType.StartArray)
                {
                    stage = Stage.Elements;
                }
                else if (!probe.TrySkip())
                {
                    return false;
                }

                break;

            case Stage.Elements:
                if (probe.TokenType == JsonTokenType.EndArray)
                {
                    // The rest of a Records object (other properties) holds no records.
                    Done = true;
                    break;
                }

                var start = (int)probe.TokenStartIndex;
                if (!probe.TrySkip())
                {
                    return false;
                }

                var element = data[start..(int)probe.BytesConsumed];
                if (!sink.Accept(element, out var reason))
                {
                    sink.Reject(element, linesConsumed + LinesIn(data[..start]) + 1, reason);
                }

                break;
        }

        reader = probe;
        return true;
    }

    private void Stop(string error)
    {
        Error = error;
        Done = true;
    }

    private static long LinesIn(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');
}
