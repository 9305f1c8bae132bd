namespace Flint.Records;

/// <summary>Tuning for <see cref="RecordReader"/>. The defaults suit log objects of any size.</summary>
public sealed record RecordReaderOptions
{
    /// <summary>The shared default options.</summary>
    public static RecordReaderOptions Default { get; } = new();

    /// <summary>Initial size of the pooled read buffer, in bytes (64 KiB). It grows only for a record longer than it.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Longest record accepted, in bytes (16 MiB). A longer JSON line counts as malformed and is skipped;
    /// a longer array element ends the read with <see cref="RecordReadStats.Error"/>.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many malformed records to keep as samples (5).</summary>
    public int MaxSamples { get; init; } = 5;

    /// <summary>How much of a malformed record a sample keeps, in bytes (160).</summary>
    public int SampleBytes { get; init; } = 160;
}
