using System.Text.Json;
using Flint.Runtime.HttpClient;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>The HttpClient transport speaks the same protocol: same paths, same error shape.</summary>
public sealed class HttpClientTransportTests : IDisposable
{
    private static readonly LambdaRuntimeOptions HttpClientOptions = new() { TransportFactory = api => new HttpClientRuntimeApiClient(api) };

    private readonly FakeRuntimeApi api = new("/prefix");

    public void Dispose() => api.Dispose();

    private static TestTable EchoAndFail() => new(new() { ["echo"] = TestTable.Echo, ["fail"] = TestTable.Fail }, defaultName: "echo");

    [Fact]
    public void Echo_of_a_chunked_event_round_trips_over_httpclient()
    {
        var body = new byte[10_000];
        Random.Shared.NextBytes(body);
        api.Enqueue(new FakeEvent("h1", body) { ChunkSize = 2048, TraceId = "Root=1-abc" });
        var run = RuntimeRun.For(api);

        Assert.Equal(0, run.Run(EchoAndFail(), invocations: 1, HttpClientOptions));

        var post = Assert.Single(api.Posts);
        Assert.Equal("/prefix/2018-06-01/runtime/invocation/h1/response", post.Path);
        Assert.Equal(body, post.Body);
        Assert.Equal("Root=1-abc", run.Environment.Get("_X_AMZN_TRACE_ID"));
    }

    [Fact]
    public void Handler_error_has_the_same_json_and_headers_over_httpclient()
    {
        api.Enqueue(FakeEvent.Json("h2", "{}"));

        RuntimeRun.For(api, ("_HANDLER", "fail")).Run(EchoAndFail(), invocations: 1, HttpClientOptions);

        var error = Assert.Single(api.Posts);
        Assert.Equal("/prefix/2018-06-01/runtime/invocation/h2/error", error.Path);
        Assert.Equal("InvalidOperationException", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.Equal("InvalidOperationException", JsonDocument.Parse(error.Body).RootElement.GetProperty("errorType").GetString());
        Assert.Equal("InvalidOperationException",
            JsonDocument.Parse(error.Headers["Lambda-Runtime-Function-XRay-Error-Cause"]).RootElement.GetProperty("exceptions")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void Unknown_handler_is_an_init_error_over_httpclient()
    {
        Assert.Equal(1, RuntimeRun.For(api, ("_HANDLER", "nope")).Run(EchoAndFail(), invocations: 1, HttpClientOptions));

        var error = Assert.Single(api.Requests);
        Assert.Equal("/prefix/2018-06-01/runtime/init/error", error.Path);
        Assert.Equal("Runtime.HandlerNotFound", error.Headers["Lambda-Runtime-Function-Error-Type"]);
    }

    [Fact]
    public void Response_refused_as_too_large_ends_in_a_response_size_error_over_httpclient()
    {
        api.MaxResponseBytes = 100;
        api.Enqueue(FakeEvent.Json("h3", new string('x', 200)));

        RuntimeRun.For(api).Run(EchoAndFail(), invocations: 1, HttpClientOptions);

        Assert.Equal("Function.ResponseSizeTooLarge", api.Posts[1].Headers["Lambda-Runtime-Function-Error-Type"]);
    }
}
