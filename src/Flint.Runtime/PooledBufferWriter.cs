using System.Buffers;

namespace Flint.Runtime;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one pooled array, reset and reused for every invocation's
/// response (and for request heads and log lines), so a steady loop allocates nothing here.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    // Past this, the array goes back to the pool after use instead of staying with the writer for good.
    private const int MaxRetainedBytes = 1024 * 1024;

    private readonly int initialCapacity;
    private byte[] buffer;
    private int count;

    public PooledBufferWriter(int initialCapacity = 4096)
    {
        this.initialCapacity = initialCapacity;
        buffer = [];
    }

    public int WrittenCount => count;

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, count);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, count);

    /// <summary>Forgets what was written; keeps the array unless it grew past 1 MB.</summary>
    public void Reset()
    {
        count = 0;
        if (buffer.Length > MaxRetainedBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (this.count + count > buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        this.count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(count);
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = (long)count + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new OutOfMemoryException("The response is larger than an array can hold.");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(initialCapacity, buffer.Length * 2L)));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, count).CopyTo(bigger);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = bigger;
    }
}
