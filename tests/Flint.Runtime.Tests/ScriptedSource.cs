using Flint.Runtime;

namespace Flint.Runtime.Tests;

/// <summary>A finite byte sequence handed out in reads of the given sizes (cycled), then 0 for "closed".</summary>
internal sealed class ScriptedSource : IByteSource
{
    private readonly byte[] data;
    private readonly int[] readSizes;
    private int offset;
    private int reads;

    public ScriptedSource(byte[] data, params int[] readSizes)
    {
        this.data = data;
        this.readSizes = readSizes.Length == 0 ? [int.MaxValue] : readSizes;
    }

    /// <summary>Splits the sequence in two reads at <paramref name="at"/>.</summary>
    public static ScriptedSource SplitAt(byte[] data, int at) => new(data, at == 0 ? data.Length : at, int.MaxValue);

    public int Remaining => data.Length - offset;

    public int Read(Span<byte> destination)
    {
        var size = Math.Min(Math.Min(readSizes[reads++ % readSizes.Length], destination.Length), data.Length - offset);
        data.AsSpan(offset, size).CopyTo(destination);
        offset += size;
        return size;
    }
}
