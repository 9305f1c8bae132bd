using System.Buffers;
using System.Text.Json.Serialization.Metadata;

namespace Flint.Records;

/// <summary>Receives one record's raw UTF-8 JSON; returns false (or throws JsonException) when it is malformed.</summary>
/// <param name="utf8Json">The record's bytes, valid only during the call.</param>
public delegate bool RecordSpanHandler(ReadOnlySpan<byte> utf8Json);

/// <summary>
/// Streams records out of any <see cref="Stream"/> (an S3 object body, a file, a <c>GZipStream</c>) without holding
/// it whole: NDJSON, a JSON array, or a CloudTrail-style <c>{"Records":[...]}</c> object, through one pooled buffer.
/// Malformed records are counted and sampled, never thrown.
/// </summary>
/// <example>
/// <code>
/// var stats = await RecordReader.ReadAsync(stream, RecordFormat.Auto, MyJson.Default.AccessLog, log => digest.Add(log));
/// Console.WriteLine($"{stats.Records} records, {stats.Malformed} malformed");
/// </code>
/// </example>
public static class RecordReader
{
    /// <summary>Reads every record, deserializes it with <paramref name="typeInfo"/> and passes it to <paramref name="onRecord"/>.</summary>
    /// <param name="stream">The bytes to read (already decompressed: see <see cref="RecordStream"/>).</param>
    /// <param name="format">The layout, or <see cref="RecordFormat.Auto"/> to detect it.</param>
    /// <param name="typeInfo">Source-generated metadata of the record type.</param>
    /// <param name="onRecord">Called once per record, in order, on the reading thread.</param>
    /// <param name="options">Buffer and sampling settings; <see cref="RecordReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read between buffer refills.</param>
    public static Task<RecordReadStats> ReadAsync<T>(
        Stream stream,
        RecordFormat format,
        JsonTypeInfo<T> typeInfo,
        Action<T> onRecord,
        RecordReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(onRecord);
        options ??= RecordReaderOptions.Default;
        return RunAsync(stream, format, new TypedRecordSink<T>(typeInfo, onRecord, options), options, cancellationToken);
    }

    /// <summary>
    /// Reads every record and passes its raw UTF-8 JSON to <paramref name="onRecord"/>, for callers that aggregate
    /// with their own <c>Utf8JsonReader</c> and allocate nothing per record.
    /// </summary>
    /// <param name="stream">The bytes to read, already decompressed.</param>
    /// <param name="format">The layout, or <see cref="RecordFormat.Auto"/> to detect it.</param>
    /// <param name="options">Buffer and sampling settings; <see cref="RecordReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read between buffer refills.</param>
    /// <param name="onRecord">Called once per record; the span is valid only during the call.</param>
    public static Task<RecordReadStats> ReadAsync(
        Stream stream,
        RecordFormat format,
        RecordSpanHandler onRecord,
        RecordReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onRecord);
        options ??= RecordReaderOptions.Default;
        return RunAsync(stream, format, new SpanRecordSink(onRecord, options), options, cancellationToken);
    }

    private static async Task<RecordReadStats> RunAsync(
        Stream stream, RecordFormat format, RecordSink sink, RecordReaderOptions options, CancellationToken cancellationToken)
    {
        var maxRecordBytes = Math.Max(options.MaxRecordBytes, 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, Math.Min(options.BufferSize, maxRecordBytes)));
        int start = 0, end = 0;
        long bytes = 0;
        RecordParser? parser = null;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    MakeRoom(ref buffer, ref start, ref end, maxRecordBytes, parser);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                var isFinal = read == 0;
                end += read;
                if (bytes == 0 && read > 0)
                {
                    start += FormatDetector.ByteOrderMarkLength(buffer.AsSpan(0, end));
                }

                bytes += read;
                if (parser is null)
                {
                    var available = buffer.AsSpan(start, end - start);
                    // Undecided with a full buffer: grow it (next round), up to the record limit, before guessing.
                    var mustDecide = isFinal || (end == buffer.Length && buffer.Length >= maxRecordBytes);
                    var detected = FormatDetector.Detect(available, format, mustDecide, out var blank);
                    start += blank;
                    if (detected is RecordFormat.Auto)
                    {
                        if (isFinal)
                        {
                            // Nothing but whitespace: an empty object holds no records.
                            return Stats(format, sink, bytes, null);
                        }

                        continue;
                    }

                    format = detected;
                    parser = format == RecordFormat.JsonLines
                        ? new JsonLinesParser(sink)
                        : new JsonArrayParser(sink, recordsObject: format == RecordFormat.RecordsObject);
                }

                start += parser.Parse(buffer.AsSpan(start, end - start), isFinal);
                if (isFinal || parser.Done)
                {
                    return Stats(format, sink, bytes, parser.Error);
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Frees space at the end of a full buffer: compact, else grow, else let the parser drop an oversized record.</summary>
    private static void MakeRoom(ref byte[] buffer, ref int start, ref int end, int maxRecordBytes, RecordParser? parser)
    {
        if (start == 0 && buffer.Length >= maxRecordBytes && parser is not null)
        {
            start += parser.SkipOversized(buffer.AsSpan(0, end), maxRecordBytes);
        }

        if (start > 0)
        {
            var pending = end - start;
            buffer.AsSpan(start, pending).CopyTo(buffer);
            start = 0;
            end = pending;
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Max(maxRecordBytes, buffer.Length + 1)));
        buffer.AsSpan(0, end).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private static RecordReadStats Stats(RecordFormat format, RecordSink sink, long bytes, string? error) => new()
    {
        Format = format,
        Records = sink.Records,
        Malformed = sink.Malformed,
        Samples = sink.Samples,
        Bytes = bytes,
        Error = error,
    };
}
