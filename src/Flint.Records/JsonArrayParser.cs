using System.Text.Json;

namespace Flint.Records;

/// <summary>
/// Reads a JSON array of records, or the <c>Records</c> array of an object, incrementally: a
/// <see cref="Utf8JsonReader"/> resumes from <see cref="JsonReaderState"/> after each refill. Each element is read
/// to its matching end token on the reader itself and handed on once complete; the state is remembered at element
/// ends only, so an element cut by a refill is read again from its start.
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
            // Elements are read on the reader itself (no copy per element); the state is kept at each element's end.
            while (!Done && (stage == Stage.Elements ? Element(ref reader, data) : Step(ref reader)))
            {
                safe = (int)reader.BytesConsumed;
                state = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            // Broken structure: nothing after it can be trusted to line up with records.
            var at = safe;
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

    /// <summary>
    /// Reads one element (or the array's end) to its matching end token and hands it on; false when the bytes end
    /// inside it, and the caller then resumes from the previous element's end (the reader is not used again).
    /// </summary>
    private bool Element(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            // The rest of a Records object (other properties) holds no records.
            Done = true;
            return true;
        }

        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            do
            {
                if (!reader.Read())
                {
                    return false;
                }
            }
            while (reader.CurrentDepth > depth);
        }

        var element = data[start..(int)reader.BytesConsumed];
        if (!sink.Accept(element, out var reason))
        {
            sink.Reject(element, linesConsumed + LinesIn(data[..start]) + 1, reason);
        }

        return true;
    }

    /// <summary>Advances over one opening unit (start token, skipped property); false when it needs more bytes.</summary>
    private bool Step(ref Utf8JsonReader reader)
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

            default:
                throw new InvalidOperationException("Elements are read by Element.");
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
