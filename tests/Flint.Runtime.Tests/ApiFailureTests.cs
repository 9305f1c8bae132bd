using System.Buffers;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>When the Runtime API refuses an answer or answers out of protocol: an error for the invocation, or a clear exit.</summary>
public sealed class ApiFailureTests : IDisposable
{
    private readonly FakeRuntimeApi api = new();

    public void Dispose() => api.Dispose();

    private static TestTable EchoAndFail() => new(new() { ["echo"] = TestTable.Echo, ["fail"] = TestTable.Fail }, defaultName: "echo");

    [Fact]
    public void Response_the_api_refuses_as_too_large_ends_in_a_response_size_error()
    {
        api.Enqueue(FakeEvent.Json("huge", "{}"), FakeEvent.Json("next", "ok"));
        var table = new TestTable(new()
        {
            ["huge"] = (payload, context, response) =>
            {
                if (payload.Span.SequenceEqual("{}"u8))
                {
                    response.Write(new byte[(6 * 1024 * 1024) + 1]);
                }
                else
                {
                    TestTable.Echo(payload, context, response);
                }
            },
        });

        Assert.Equal(0, RuntimeRun.For(api).Run(table, invocations: 2));

        var posts = api.Posts;
        Assert.Equal("/2018-06-01/runtime/invocation/huge/response", posts[0].Path);
        Assert.Equal("/2018-06-01/runtime/invocation/huge/error", posts[1].Path);
        Assert.Equal("Function.ResponseSizeTooLarge", posts[1].Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.Contains("6291457 bytes", posts[1].BodyText, StringComparison.Ordinal);
        Assert.Equal("ok", posts[2].BodyText);
    }

    [Fact]
    public void Event_with_broken_chunk_framing_is_reported_as_an_error_for_its_request_id()
    {
        api.Enqueue(
            new FakeEvent("broken", []) { RawResponse = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: broken\r\nLambda-Runtime-Deadline-Ms: 1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" },
            FakeEvent.Json("fine", "{}"));

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 2));

        var error = api.Posts[0];
        Assert.Equal("/2018-06-01/runtime/invocation/broken/error", error.Path);
        Assert.Equal("Runtime.MalformedInvocation", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.Contains("invalid chunk size line", error.BodyText, StringComparison.Ordinal);
        Assert.Equal("/2018-06-01/runtime/invocation/fine/response", api.Posts[1].Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_event_cut_off_mid_body_by_a_close_or_a_reset_is_reported_for_its_request_id_and_the_loop_goes_on(bool reset)
    {
        api.Enqueue(
            new FakeEvent("cut", [])
            {
                RawResponse = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: cut\r\nLambda-Runtime-Deadline-Ms: 1\r\nContent-Length: 100\r\n\r\n{\"partial\":",
                ResetAfterRaw = reset,
            },
            FakeEvent.Json("fine", "{}"));
        if (!reset)
        {
            api.CloseAfterEachAnswer = true; // a clean close (FIN) after the partial body
        }

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 2));

        var error = api.Posts[0];
        Assert.Equal("/2018-06-01/runtime/invocation/cut/error", error.Path);
        Assert.Equal("Runtime.MalformedInvocation", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.Contains(reset ? "the connection failed while reading the event body" : "the connection closed after 11 of 100 body bytes", error.BodyText, StringComparison.Ordinal);
        Assert.Equal("/2018-06-01/runtime/invocation/fine/response", api.Posts[1].Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_get_next_closed_unanswered_is_sent_once_more_on_a_fresh_or_a_reused_connection(bool reused)
    {
        if (reused)
        {
            api.Enqueue(FakeEvent.Json("first", "1"));
        }

        api.Enqueue(new FakeEvent("dropped", []) { RawResponse = "" }, FakeEvent.Json("fine", "2"));
        api.CloseAfterEachAnswer = !reused;

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: reused ? 2 : 1));

        Assert.Equal((reused ? ["1", "2"] : (string[])["2"]), api.Posts.Select(p => p.BodyText));
        Assert.Equal(api.Requests.Count(r => r.Method == "GET"), api.Posts.Count + 1); // one GET answered by nothing
    }

    [Fact]
    public void Garbage_instead_of_an_http_answer_exits_non_zero_with_a_clear_message()
    {
        api.Enqueue(new FakeEvent("x", []) { RawResponse = "SSH-2.0-OpenSSH_9.6\r\n\r\n" });
        var run = RuntimeRun.For(api);

        Assert.Equal(2, run.Run(EchoAndFail(), invocations: 1));

        Assert.Contains("invalid status line \"SSH-2.0-OpenSSH_9.6\"", run.StderrText, StringComparison.Ordinal);
    }
}
