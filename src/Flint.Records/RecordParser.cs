namespace Flint.Records;

/// <summary>
/// A push parser for one record layout. The driver feeds it the unconsumed bytes; it parses every complete
/// record and says how many bytes it consumed, keeping the rest for the next call.
/// </summary>
internal abstract class RecordParser
{
    /// <summary>True once the parser needs no more input (end of the array, or an unrecoverable error).</summary>
    public bool Done { get; protected set; }

    /// <summary>Why the parser stopped early, if it did.</summary>
    public string? Error { get; protected set; }

    /// <summary>Parses the complete records at the start of <paramref name="data"/>; returns the bytes consumed.</summary>
    /// <param name="data">Unconsumed bytes, starting where the previous call stopped.</param>
    /// <param name="isFinal">No more bytes will follow.</param>
    public abstract int Parse(ReadOnlySpan<byte> data, bool isFinal);

    /// <summary>Called when one record fills a buffer of the largest allowed size; returns the bytes to drop.</summary>
    public abstract int SkipOversized(ReadOnlySpan<byte> data, int maxRecordBytes);
}
