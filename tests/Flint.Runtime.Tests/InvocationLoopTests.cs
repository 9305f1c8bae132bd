using System.Buffers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>The runtime end to end against a loopback fake Runtime API: what Lambda would see on the wire.</summary>
public sealed class InvocationLoopTests : IDisposable
{
    private readonly FakeRuntimeApi api = new();

    public void Dispose() => api.Dispose();

    private static TestTable EchoAndFail() => new(new() { ["echo"] = TestTable.Echo, ["fail"] = TestTable.Fail }, defaultName: "echo");

    [Fact]
    public void Echo_posts_the_event_back_as_the_response()
    {
        api.Enqueue(FakeEvent.Json("req-1", """{"hello":"world"}"""));
        var run = RuntimeRun.For(api);

        Assert.Equal(0, run.Run(EchoAndFail(), invocations: 1));

        var post = Assert.Single(api.Posts);
        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", post.Path);
        Assert.Equal("""{"hello":"world"}""", post.BodyText);
        Assert.Equal("GET", api.Requests[0].Method);
        Assert.Equal("/2018-06-01/runtime/invocation/next", api.Requests[0].Path);
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(100 * 1024, 0)]
    [InlineData(100 * 1024, 2048)]
    [InlineData(3000, 1)]
    public void Events_framed_by_length_or_chunked_echo_intact(int size, int chunkSize)
    {
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, size).Select(i => (char)('a' + (i % 26)))));
        api.Enqueue(new FakeEvent("big", body) { ChunkSize = chunkSize });

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 1));

        Assert.Equal(body, Assert.Single(api.Posts).Body);
    }

    [Fact]
    public void Handler_exception_posts_the_error_json_and_headers_and_the_loop_goes_on()
    {
        api.Enqueue(FakeEvent.Json("bad", "{}"), FakeEvent.Json("good", "2"));
        var calls = 0;
        var table = new TestTable(new()
        {
            ["flaky"] = (payload, context, response) =>
            {
                if (calls++ == 0)
                {
                    TestTable.Fail(payload, context, response);
                }

                TestTable.Echo(payload, context, response);
            },
        });

        Assert.Equal(0, RuntimeRun.For(api).Run(table, invocations: 2));

        var (error, ok) = (api.Posts[0], api.Posts[1]);
        Assert.Equal("/2018-06-01/runtime/invocation/bad/error", error.Path);
        Assert.Equal("InvalidOperationException", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        using var json = JsonDocument.Parse(error.Body);
        Assert.Equal("InvalidOperationException", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("the fail handler always fails", json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains(json.RootElement.GetProperty("stackTrace").EnumerateArray(), f => f.GetString()!.Contains("Fail", StringComparison.Ordinal));

        using var cause = JsonDocument.Parse(error.Headers["Lambda-Runtime-Function-XRay-Error-Cause"]);
        var exception = cause.RootElement.GetProperty("exceptions")[0];
        Assert.Equal("InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("the fail handler always fails", exception.GetProperty("message").GetString());
        Assert.True(exception.GetProperty("stack").GetArrayLength() > 0);
        Assert.Equal(Environment.CurrentDirectory, cause.RootElement.GetProperty("working_directory").GetString());

        Assert.Equal("/2018-06-01/runtime/invocation/good/response", ok.Path);
        Assert.Equal("2", ok.BodyText);
    }

    [Fact]
    public void Event_that_does_not_deserialize_is_posted_as_a_serialization_error_naming_the_type()
    {
        // That the user's method is not called is the generated dispatch's part: DispatchTests checks it.
        api.Enqueue(FakeEvent.Json("req", "not json"));
        var table = new TestTable(new()
        {
            ["order"] = (payload, context, response) =>
                LambdaJson.Serialize(response, LambdaJson.Deserialize(payload, TestJsonContext.Default.Order), TestJsonContext.Default.Order),
        });

        RuntimeRun.For(api).Run(table, invocations: 1);

        var error = Assert.Single(api.Posts);
        Assert.EndsWith("/error", error.Path, StringComparison.Ordinal);
        Assert.Equal("Runtime.SerializationError", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        using var json = JsonDocument.Parse(error.Body);
        Assert.Contains("Order", json.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Context_carries_the_headers_and_the_function_environment()
    {
        api.Enqueue(FakeEvent.Json("ctx-1", "{}") with
        {
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ClientContext = """{"client":{"installation_id":"i"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}""",
            TenantId = "tenant-7",
        });
        var run = RuntimeRun.For(api,
            ("AWS_LAMBDA_FUNCTION_NAME", "hello"), ("AWS_LAMBDA_FUNCTION_VERSION", "3"), ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"),
            ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hello"), ("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[3]abc"));
        var table = new TestTable(new()
        {
            ["ctx"] = (payload, c, response) => response.Write(Encoding.UTF8.GetBytes(string.Join("|",
                c.AwsRequestId, c.InvokedFunctionArn, c.TraceId, c.ClientContext, c.CognitoIdentity, c.TenantId, c.FunctionName,
                c.FunctionVersion, c.MemoryLimitInMB, c.LogGroupName, c.LogStreamName, c.RemainingTime > TimeSpan.FromMinutes(4),
                c.Deadline > DateTimeOffset.UtcNow))),
        });

        run.Run(table, invocations: 1);

        Assert.Equal(
            "ctx-1|arn:aws:lambda:us-east-1:123456789012:function:test|Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
            + """|{"client":{"installation_id":"i"}}|{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}|tenant-7|hello|3|512"""
            + "|/aws/lambda/hello|2026/11/28/[3]abc|True|True",
            Assert.Single(api.Posts).BodyText);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", run.Environment.Get("_X_AMZN_TRACE_ID"));
    }

    [Fact]
    public void Deadline_token_fires_when_the_deadline_draws_near_and_not_before()
    {
        // Deadline in 3 s: the token is due at 2.7 s (a margin of 10%). A timer never fires early, so the
        // lower bound is safe on a loaded machine; when exactly it fires is LambdaContextTests' arithmetic.
        api.Enqueue(FakeEvent.Json("slow", "{}") with { DeadlineMs = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds() });
        var table = new TestTable(new()
        {
            ["slow"] = (payload, context, response) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var fired = context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
                response.Write(Encoding.ASCII.GetBytes($"{fired}|{clock.Elapsed > TimeSpan.FromSeconds(2)}"));
            },
        });

        RuntimeRun.For(api).Run(table, invocations: 1);

        Assert.Equal("True|True", Assert.Single(api.Posts).BodyText);
    }

    [Fact]
    public void Token_of_an_invocation_already_past_its_deadline_is_cancelled_at_once()
    {
        api.Enqueue(FakeEvent.Json("late", "{}") with { DeadlineMs = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds() });
        var table = new TestTable(new()
        {
            ["late"] = (payload, context, response) =>
                response.Write(Encoding.ASCII.GetBytes($"{context.CancellationToken.IsCancellationRequested}|{context.RemainingTime}")),
        });

        RuntimeRun.For(api).Run(table, invocations: 1);

        Assert.Equal("True|00:00:00", Assert.Single(api.Posts).BodyText);
    }

    [Theory]
    [InlineData(1_000_000_000_000_000L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1_000_000_000_000_000L)]
    public void A_deadline_far_outside_any_timeout_gives_a_usable_context_not_an_exception(long deadlineMs)
    {
        api.Enqueue(FakeEvent.Json("odd", "{}") with { DeadlineMs = deadlineMs });
        var table = new TestTable(new()
        {
            ["odd"] = (payload, context, response) =>
                response.Write(Encoding.ASCII.GetBytes($"{context.CancellationToken.IsCancellationRequested}|{context.RemainingTime > TimeSpan.FromDays(365)}|{context.Deadline.Year > 2100}")),
        });

        RuntimeRun.For(api).Run(table, invocations: 1);

        var post = Assert.Single(api.Posts);
        Assert.EndsWith("/response", post.Path);
        Assert.Equal(deadlineMs > 0 ? "False|True|True" : "True|False|False", post.BodyText);
    }

    [Fact]
    public void Server_closing_the_connection_between_invocations_is_survived_by_reconnecting()
    {
        api.CloseAfterEachAnswer = true;
        api.Enqueue(FakeEvent.Json("a", "1"), FakeEvent.Json("b", "2"), FakeEvent.Json("c", "3"));

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 3));

        Assert.Equal(["1", "2", "3"], api.Posts.Select(p => p.BodyText));
        Assert.Equal(6, api.Connections);
    }

    [Fact]
    public void Kept_alive_connection_serves_many_invocations()
    {
        for (var i = 0; i < 50; i++)
        {
            api.Enqueue(FakeEvent.Json($"id-{i}", i.ToString()));
        }

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 50));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), api.Posts.Select(p => p.BodyText));
        Assert.Equal(1, api.Connections);
    }

    [Fact]
    public void Path_prefix_in_the_runtime_api_address_prefixes_every_request()
    {
        using var prefixed = new FakeRuntimeApi("/fn/hello");
        prefixed.Enqueue(FakeEvent.Json("p1", "{}"));
        var run = new RuntimeRun { Environment = new DictionaryEnvironment(("AWS_LAMBDA_RUNTIME_API", prefixed.Address + "/")) };

        Assert.Equal(0, run.Run(EchoAndFail(), invocations: 1));

        Assert.Equal(
            ["/fn/hello/2018-06-01/runtime/invocation/next", "/fn/hello/2018-06-01/runtime/invocation/p1/response"],
            prefixed.Requests.Select(r => r.Path));
    }

    [Fact]
    public void Handler_writes_into_a_buffer_that_is_reset_between_invocations()
    {
        api.Enqueue(FakeEvent.Json("1", "long event body"), FakeEvent.Json("2", "x"));

        RuntimeRun.For(api).Run(EchoAndFail(), invocations: 2);

        Assert.Equal(["long event body", "x"], api.Posts.Select(p => p.BodyText));
    }

    [Fact]
    public void Empty_response_is_posted_with_zero_length()
    {
        api.Enqueue(FakeEvent.Json("e", "{}"));
        var table = new TestTable(new() { ["nothing"] = (payload, context, response) => { } });

        RuntimeRun.For(api).Run(table, invocations: 1);

        var post = Assert.Single(api.Posts);
        Assert.Equal("0", post.Headers["Content-Length"]);
        Assert.Empty(post.Body);
    }

    [Fact]
    public void Writer_helpers_reach_the_response()
    {
        api.Enqueue(FakeEvent.Json("n", "{}"));
        var table = new TestTable(new() { ["null"] = (payload, context, response) => LambdaJson.WriteNull(response) });

        RuntimeRun.For(api).Run(table, invocations: 1);

        Assert.Equal("null", Assert.Single(api.Posts).BodyText);
    }
}
