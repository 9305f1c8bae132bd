using System.Text;
using CsCheck;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>Random bodies, random chunkings, random read splits: whatever the wire looks like, the body comes back intact.</summary>
public sealed class HttpResponseReaderPropertyTests
{
    private static readonly Gen<byte[]> Bodies = Gen.OneOf(Gen.Byte.Array[0, 64], Gen.Byte.Array[0, 5000]);
    private static readonly Gen<int[]> ChunkSizes = Gen.Int[1, 700].Array[1, 12];
    private static readonly Gen<int[]> ReadSizes = Gen.OneOf(Gen.Int[1, 8].Array[1, 6], Gen.Int[1, 4096].Array[1, 6]);

    [Fact]
    public void Chunked_bodies_round_trip_under_any_chunking_and_any_read_split()
    {
        Gen.Select(Bodies, ChunkSizes, ReadSizes, Gen.Bool, Gen.Bool).Sample((body, chunks, reads, extensions, trailers) =>
        {
            var wire = Concat(Chunked(body, chunks, extensions, trailers), Accepted());
            AssertTwoResponses(body, wire, reads);
        }, iter: 500);
    }

    [Fact]
    public void Content_length_bodies_round_trip_under_any_read_split()
    {
        Gen.Select(Bodies, ReadSizes).Sample((body, reads) =>
        {
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r\r\nContent-Length: {body.Length}\r\n\r\n");
            AssertTwoResponses(body, Concat(head, body, Accepted()), reads);
        }, iter: 500);
    }

    [Fact]
    public void Truncated_chunked_responses_always_throw_and_never_hang()
    {
        Gen.Select(Bodies, ChunkSizes, ReadSizes, Gen.Int[1, 100]).Sample((body, chunks, reads, cutPercent) =>
        {
            var wire = Chunked(body, chunks, extensions: false, trailers: false);
            var cut = Math.Clamp(wire.Length * cutPercent / 100, 1, wire.Length - 1); // some bytes arrive, the last never does
            using var reader = new HttpResponseReader(RuntimeApiHeaders.Names(), initialBufferSize: 64);
            Assert.Throws<HttpProtocolException>(() => reader.Read(new ScriptedSource(wire[..cut], reads)));
        }, iter: 300);
    }

    private static void AssertTwoResponses(byte[] body, byte[] wire, int[] reads)
    {
        using var reader = new HttpResponseReader(RuntimeApiHeaders.Names(), initialBufferSize: 64);
        var source = new ScriptedSource(wire, reads);
        Assert.True(reader.Read(source));
        Assert.Equal(200, reader.StatusCode);
        Assert.Equal("r", reader.Header(RuntimeApiHeaders.RequestId));
        Assert.Equal(body, reader.Body.ToArray());
        Assert.True(reader.Read(source));
        Assert.Equal(202, reader.StatusCode);
        Assert.Equal("{}"u8.ToArray(), reader.Body.ToArray());
        Assert.Equal(0, source.Remaining);
    }

    private static byte[] Chunked(byte[] body, int[] chunkSizes, bool extensions, bool trailers)
    {
        var wire = new List<byte>(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var offset = 0;
        for (var i = 0; offset < body.Length; i++)
        {
            var size = Math.Min(chunkSizes[i % chunkSizes.Length], body.Length - offset);
            var hex = i % 2 == 0 ? size.ToString("x") : size.ToString("X");
            wire.AddRange(Encoding.ASCII.GetBytes(hex + (extensions ? ";i=" + i : "") + "\r\n"));
            wire.AddRange(body.AsSpan(offset, size).ToArray());
            wire.AddRange("\r\n"u8.ToArray());
            offset += size;
        }

        wire.AddRange(Encoding.ASCII.GetBytes("0" + (extensions ? ";end" : "") + "\r\n" + (trailers ? "X-Trailer: t\r\n" : "") + "\r\n"));
        return [.. wire];
    }

    private static byte[] Accepted() => Encoding.ASCII.GetBytes("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}");

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
