namespace Flint.Records;

/// <summary>What one <see cref="RecordReader"/> pass saw.</summary>
public sealed record RecordReadStats
{
    /// <summary>The layout that was read (the detected one when <see cref="RecordFormat.Auto"/> was asked for).</summary>
    public RecordFormat Format { get; init; }

    /// <summary>Records parsed and handed to the callback.</summary>
    public long Records { get; init; }

    /// <summary>Records (lines or array elements) that did not parse, or parsed to <c>null</c>.</summary>
    public long Malformed { get; init; }

    /// <summary>The first few malformed records (<see cref="RecordReaderOptions.MaxSamples"/>).</summary>
    public IReadOnlyList<MalformedRecord> Samples { get; init; } = [];

    /// <summary>Bytes read from the stream (after decompression).</summary>
    public long Bytes { get; init; }

    /// <summary>
    /// Why the read stopped before the end of an array or <c>Records</c> object (broken JSON structure,
    /// element over <see cref="RecordReaderOptions.MaxRecordBytes"/>, no <c>Records</c> array); null when it read everything.
    /// </summary>
    public string? Error { get; init; }
}

/// <summary>A sample of a record that did not parse.</summary>
/// <param name="Line">1-based line where the record starts.</param>
/// <param name="Snippet">The record's first bytes, as text.</param>
/// <param name="Reason">The parser's message.</param>
public sealed record MalformedRecord(long Line, string Snippet, string Reason);
