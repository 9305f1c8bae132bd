using System.Buffers;

namespace Flint.Records;

/// <summary>
/// A read-only stream that reads the next chunk of <paramref name="inner"/> on the thread pool while the caller
/// works on the previous one, so downloading (and decompressing) an S3 object overlaps parsing it. Holds at most
/// two pooled chunks: the one being handed out and the one being filled; one inner read is in flight at a time.
/// </summary>
/// <param name="inner">The stream to read ahead of; disposed with this one.</param>
/// <param name="chunkSize">Bytes per inner read.</param>
internal sealed class ReadAheadStream(Stream inner, int chunkSize = ReadAheadStream.DefaultChunkSize) : Stream
{
    public const int DefaultChunkSize = 128 * 1024;

    private byte[] ready = ArrayPool<byte>.Shared.Rent(chunkSize);
    private byte[] filling = ArrayPool<byte>.Shared.Rent(chunkSize);
    private int readyStart;
    private int readyEnd;
    private Task<int>? pending;
    private bool ended;
    private bool disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (readyStart == readyEnd)
        {
            if (ended)
            {
                return 0;
            }

            var read = await (pending ?? Fill(cancellationToken)).ConfigureAwait(false);
            pending = null;
            (ready, filling) = (filling, ready);
            readyStart = 0;
            readyEnd = read;
            if (read == 0)
            {
                ended = true;
                return 0;
            }

            // The caller now parses what it copies out of `ready`; the next chunk downloads meanwhile.
            pending = Fill(cancellationToken);
        }

        var count = Math.Min(buffer.Length, readyEnd - readyStart);
        ready.AsSpan(readyStart, count).CopyTo(buffer.Span);
        readyStart += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            await Settle().ConfigureAwait(false);
            await inner.DisposeAsync().ConfigureAwait(false);
            Release();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            Settle().GetAwaiter().GetResult();
            inner.Dispose();
            Release();
        }

        base.Dispose(disposing);
    }

    // Task.Run: the inner reads' synchronous parts (copying, checksumming, inflating) run off the caller's thread too.
    // A network stream returns what has arrived, often a few KiB: fill the whole chunk so each hand-over is large.
    private Task<int> Fill(CancellationToken cancellationToken)
    {
        var target = filling;
        return Task.Run(
            async () =>
            {
                var total = 0;
                int read;
                while (total < chunkSize && (read = await inner.ReadAsync(target.AsMemory(total, chunkSize - total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return total;
            },
            cancellationToken);
    }

    /// <summary>Waits out a read still in flight (its buffer must not go back to the pool under it).</summary>
    private async Task Settle()
    {
        if (pending is { } task)
        {
            // Nobody will read its result: the caller stopped early or has already seen a failure.
            pending = null;
            await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Release()
    {
        disposed = true;
        ArrayPool<byte>.Shared.Return(ready);
        ArrayPool<byte>.Shared.Return(filling);
    }
}
