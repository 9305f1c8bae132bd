using CsCheck;
using Flint.Records;
using Xunit;

namespace Flint.Aws.Tests;

public sealed class ReadAheadStreamTests
{
    private static async Task<byte[]> ReadAll(Stream stream, int bufferSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Any_chunk_trickle_and_caller_buffer_size_yields_the_same_bytes_in_order()
    {
        await Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[1, 300], Gen.Int[1, 500], Gen.Int[1, 700]).SampleAsync(async (data, trickle, chunk, buffer) =>
        {
            await using var stream = new ReadAheadStream(new TrickleStream(data, trickle), chunk);
            Assert.Equal(data, await ReadAll(stream, buffer));
            Assert.Equal(0, await stream.ReadAsync(new byte[8])); // stays at the end
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(RecordReaderTests.Layouts), MemberType = typeof(RecordReaderTests))]
    public async Task Records_read_through_it_split_at_every_boundary_come_out_whole(string layout, RecordFormat expected)
    {
        var bytes = Samples.Utf8(layout switch
        {
            "ndjson" => Samples.JsonLines,
            "ndjson-crlf" => Samples.JsonLinesCrlfBlankNoFinalNewline,
            "array" => Samples.Array,
            "pretty-array" => Samples.PrettyArray,
            "records" => Samples.Records,
            _ => Samples.RecordsWithOtherProperties,
        });
        foreach (var chunk in new[] { 1, 7, 64, 4096 })
        {
            for (var trickle = 1; trickle <= bytes.Length; trickle += trickle < 20 ? 1 : 29)
            {
                var logs = new List<AccessLog>();
                await using var stream = new ReadAheadStream(new TrickleStream(bytes, trickle), chunk);
                var stats = await RecordReader.ReadAsync(stream, RecordFormat.Auto, TestJson.Default.AccessLog, logs.Add, new RecordReaderOptions { BufferSize = 16 });
                Assert.True(Samples.Logs.SequenceEqual(logs), $"chunk {chunk}, trickle {trickle}: {logs.Count} records");
                Assert.Equal(expected, stats.Format);
                Assert.Equal(0, stats.Malformed);
                Assert.Null(stats.Error);
            }
        }
    }

    [Fact]
    public async Task A_failing_inner_read_surfaces_to_the_caller_with_its_own_exception()
    {
        await using var stream = new ReadAheadStream(new FailingStream(new byte[100], failAfter: 150), chunkSize: 64);
        var buffer = new byte[64];
        Assert.Equal(64, await stream.ReadAsync(buffer));
        // The failing read was filling the next chunk: the failure ends the stream (a partial chunk is not handed out).
        await Assert.ThrowsAsync<InvalidDataException>(async () => await stream.ReadAsync(buffer));
    }

    [Fact]
    public async Task Disposing_before_the_end_waits_for_the_read_in_flight_and_disposes_the_inner_stream()
    {
        var inner = new FailingStream(new byte[10_000], failAfter: int.MaxValue);
        var stream = new ReadAheadStream(inner, chunkSize: 100);
        Assert.Equal(10, await stream.ReadAsync(new byte[10]));
        await stream.DisposeAsync();
        Assert.True(inner.Disposed);
        Assert.False(inner.ReadAfterDispose);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.ReadAsync(new byte[10]));
    }

    [Fact]
    public void Synchronous_reads_and_dispose_work_too()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var inner = new FailingStream(data, failAfter: int.MaxValue);
        using (var stream = new ReadAheadStream(inner, chunkSize: 300))
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy, 77);
            Assert.Equal(data, copy.ToArray());
        }

        Assert.True(inner.Disposed);
    }

    /// <summary>Serves its bytes slowly from the thread pool, then throws <see cref="InvalidDataException"/> past <c>failAfter</c>.</summary>
    private sealed class FailingStream(byte[] data, int failAfter) : Stream
    {
        private int position;

        public bool Disposed { get; private set; }

        public bool ReadAfterDispose { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            ReadAfterDispose |= Disposed;
            if (position >= failAfter || (position == data.Length && failAfter < int.MaxValue))
            {
                throw new InvalidDataException("broken body");
            }

            var n = Math.Min(buffer.Length, data.Length - position);
            data.AsSpan(position, n).CopyTo(buffer.Span);
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
