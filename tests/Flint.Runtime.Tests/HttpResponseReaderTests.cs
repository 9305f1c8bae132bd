using System.Text;
using Xunit;

namespace Flint.Runtime.Tests;

public sealed class HttpResponseReaderTests
{
    private static readonly byte[][] Wanted = RuntimeApiHeaders.Names();

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static HttpResponseReader NewReader() => new(Wanted, initialBufferSize: 64);

    private const string EventHead =
        "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: req-1\r\nlambda-runtime-deadline-ms:   1700000000000 \r\n";

    [Fact]
    public void Content_length_response_split_at_every_point_reads_the_same_body_and_headers()
    {
        var body = "{\"hello\":\"world\"}";
        var wire = Ascii(EventHead + $"Content-Length: {body.Length}\r\n\r\n" + body);
        for (var at = 0; at < wire.Length; at++)
        {
            using var reader = NewReader();
            Assert.True(reader.Read(ScriptedSource.SplitAt(wire, at)));
            Assert.Equal(200, reader.StatusCode);
            Assert.Equal("req-1", reader.Header(RuntimeApiHeaders.RequestId));
            Assert.Equal("1700000000000", reader.Header(RuntimeApiHeaders.DeadlineMs));
            Assert.Equal(body, Encoding.UTF8.GetString(reader.Body.Span));
        }
    }

    [Fact]
    public void Chunked_response_split_at_every_point_reads_the_same_body()
    {
        var wire = Ascii(EventHead + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;name=value\r\n,\r\nA\r\n world 123\r\n0\r\n\r\n");
        for (var at = 0; at < wire.Length; at++)
        {
            using var reader = NewReader();
            Assert.True(reader.Read(ScriptedSource.SplitAt(wire, at)));
            Assert.Equal("hello, world 123", Encoding.UTF8.GetString(reader.Body.Span));
        }
    }

    [Fact]
    public void Chunked_response_read_one_byte_at_a_time_reads_the_same_body()
    {
        var wire = Ascii(EventHead + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
        using var reader = NewReader();
        Assert.True(reader.Read(new ScriptedSource(wire, 1)));
        Assert.Equal("abcdef", Encoding.UTF8.GetString(reader.Body.Span));
    }

    [Fact]
    public void Chunk_extensions_and_upper_case_hex_sizes_are_accepted()
    {
        var data = new string('x', 0x1F);
        var wire = Ascii($"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n1F ; ext=\"quoted;value\" ;flag\r\n{data}\r\n0;last\r\n\r\n");
        using var reader = NewReader();
        Assert.True(reader.Read(new ScriptedSource(wire)));
        Assert.Equal(data, Encoding.ASCII.GetString(reader.Body.Span));
    }

    [Fact]
    public void Trailers_after_the_last_chunk_are_skipped_and_the_next_response_still_parses()
    {
        var first = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
        var second = "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok";
        var wire = Ascii(first + second);
        for (var at = 0; at < wire.Length; at++)
        {
            using var reader = NewReader();
            var source = ScriptedSource.SplitAt(wire, at);
            Assert.True(reader.Read(source));
            Assert.Equal("hi", Encoding.ASCII.GetString(reader.Body.Span));
            Assert.True(reader.Read(source));
            Assert.Equal(202, reader.StatusCode);
            Assert.Equal("ok", Encoding.ASCII.GetString(reader.Body.Span));
        }
    }

    [Fact]
    public void Chunked_event_over_two_kilobytes_round_trips_through_a_small_buffer()
    {
        var body = string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + (i % 26))));
        var chunked = new StringBuilder();
        for (var i = 0; i < body.Length; i += 1000)
        {
            var part = body.Substring(i, Math.Min(1000, body.Length - i));
            chunked.Append($"{part.Length:x}\r\n{part}\r\n");
        }

        var wire = Ascii(EventHead + "Transfer-Encoding: chunked\r\n\r\n" + chunked + "0\r\n\r\n");
        using var reader = NewReader();
        Assert.True(reader.Read(new ScriptedSource(wire, 7, 300, 1)));
        Assert.Equal(body, Encoding.ASCII.GetString(reader.Body.Span));
    }

    [Fact]
    public void Interim_100_continue_is_skipped()
    {
        var wire = Ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\ndone");
        using var reader = NewReader();
        Assert.True(reader.Read(new ScriptedSource(wire, 3)));
        Assert.Equal(202, reader.StatusCode);
        Assert.Equal("done", Encoding.ASCII.GetString(reader.Body.Span));
    }

    [Fact]
    public void Response_without_framing_is_read_until_the_connection_closes()
    {
        var wire = Ascii("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
        using var reader = NewReader();
        Assert.True(reader.Read(new ScriptedSource(wire, 2)));
        Assert.True(reader.ConnectionClose);
        Assert.Equal("all of it", Encoding.ASCII.GetString(reader.Body.Span));
    }

    [Fact]
    public void No_content_status_has_an_empty_body_even_without_content_length()
    {
        var wire = Ascii("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        using var reader = NewReader();
        var source = new ScriptedSource(wire);
        Assert.True(reader.Read(source));
        Assert.Equal(204, reader.StatusCode);
        Assert.True(reader.Body.IsEmpty);
        Assert.True(reader.Read(source));
        Assert.Equal(202, reader.StatusCode);
    }

    [Fact]
    public void A_connection_closed_before_any_byte_reads_as_no_response()
    {
        using var reader = NewReader();
        Assert.False(reader.Read(new ScriptedSource([])));
        Assert.False(reader.AnyByteReceived);
    }

    [Fact]
    public void Headers_of_a_previous_response_do_not_leak_into_the_next()
    {
        var wire = Ascii(EventHead + "Content-Length: 0\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        using var reader = NewReader();
        var source = new ScriptedSource(wire);
        Assert.True(reader.Read(source));
        Assert.Equal("req-1", reader.Header(RuntimeApiHeaders.RequestId));
        Assert.True(reader.Read(source));
        Assert.Null(reader.Header(RuntimeApiHeaders.RequestId));
    }

    [Fact]
    public void A_header_value_repeated_from_the_previous_response_reuses_its_string()
    {
        const string arn = "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:1:function:f\r\n";
        var wire = Ascii($"HTTP/1.1 200 OK\r\n{arn}Lambda-Runtime-Aws-Request-Id: a\r\nContent-Length: 0\r\n\r\n"
            + $"HTTP/1.1 200 OK\r\n{arn}Lambda-Runtime-Aws-Request-Id: b\r\nContent-Length: 0\r\n\r\n");
        using var reader = NewReader();
        var source = new ScriptedSource(wire);
        Assert.True(reader.Read(source));
        var first = reader.Header(RuntimeApiHeaders.InvokedFunctionArn);
        Assert.True(reader.Read(source));

        Assert.Same(first, reader.Header(RuntimeApiHeaders.InvokedFunctionArn));
        Assert.Equal("b", reader.Header(RuntimeApiHeaders.RequestId));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", "invalid chunk size line \"zz\"")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n", "invalid chunk size line \"\"")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", "chunk data is not followed by CRLF")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "2 bytes short of the end of a 5-byte chunk")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "closed in the middle of the chunk size line")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: 1\r\n", "closed in the middle of the trailer section")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a trailer\r\n\r\n", "invalid trailer line")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", "is too large")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding \"gzip\"")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "closed after 5 of 10 body bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", "invalid Content-Length \"1x\"")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", "conflicting Content-Length headers")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2", "closed after")]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n", "invalid status line \"SSH-2.0-OpenSSH\"")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n", "invalid status line")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "invalid header line \"no colon here\"")]
    [InlineData("HTTP/1.1 200 OK\r\nName : value\r\n\r\n", "invalid header line")]
    public void Bad_framing_ends_in_a_clear_exception_at_every_split_point(string response, string expected)
    {
        var wire = Ascii(response);
        for (var at = 0; at < wire.Length; at++)
        {
            using var reader = NewReader();
            var error = Assert.Throws<HttpProtocolException>(() => reader.Read(ScriptedSource.SplitAt(wire, at)));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.StartsWith("Malformed Runtime API response: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_head_without_its_blank_line_is_refused_once_it_passes_the_limit()
    {
        var wire = Ascii("HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789012345678901234567890123456789\r\n", 2000)));
        using var reader = NewReader();
        var error = Assert.Throws<HttpProtocolException>(() => reader.Read(new ScriptedSource(wire, 1000)));
        Assert.Contains("exceed 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_head_limit_is_the_same_after_a_big_event_has_grown_the_buffer()
    {
        var big = new string('x', 3 * 1024 * 1024);
        var bigEvent = Ascii(EventHead + $"Content-Length: {big.Length}\r\n\r\n" + big);
        var fillers = string.Concat(Enumerable.Repeat("X-Filler: 0123456789012345678901234567890123456789\r\n", 1400)); // ~71 KB
        var oversizedHead = Ascii(EventHead + fillers + "Content-Length: 2\r\n\r\n{}");
        using var fresh = NewReader();
        using var grown = NewReader();

        Assert.True(grown.Read(new ScriptedSource(bigEvent)));
        var freshError = Assert.Throws<HttpProtocolException>(() => fresh.Read(new ScriptedSource(oversizedHead)));
        var grownError = Assert.Throws<HttpProtocolException>(() => grown.Read(new ScriptedSource(oversizedHead)));

        Assert.Contains("exceed 65536 bytes", freshError.Message, StringComparison.Ordinal);
        Assert.Equal(freshError.Message, grownError.Message);
    }

    [Fact]
    public void A_chunk_size_line_that_never_ends_is_refused()
    {
        var wire = Ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;" + new string('e', 10_000));
        using var reader = NewReader();
        var error = Assert.Throws<HttpProtocolException>(() => reader.Read(new ScriptedSource(wire, 512)));
        Assert.Contains("chunk size line exceeds 4096 bytes", error.Message, StringComparison.Ordinal);
    }
}
