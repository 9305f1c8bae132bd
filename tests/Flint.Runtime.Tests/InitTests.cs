using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>Init: choosing the handler, the table's Init work, and what happens when either fails or the API is not there.</summary>
public sealed class InitTests : IDisposable
{
    private readonly FakeRuntimeApi api = new();

    public void Dispose() => api.Dispose();

    private static TestTable Table(Action<LambdaInitContext>? initialize = null, string? defaultName = "echo") =>
        new(new() { ["echo"] = TestTable.Echo, ["fail"] = TestTable.Fail }, defaultName, initialize);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bootstrap")]
    public void Unset_empty_or_bootstrap_handler_picks_the_default(string? handler)
    {
        api.Enqueue(FakeEvent.Json("r", "hi"));

        Assert.Equal(0, RuntimeRun.For(api, ("_HANDLER", handler)).Run(Table(), invocations: 1));

        Assert.Equal("/2018-06-01/runtime/invocation/r/response", Assert.Single(api.Posts).Path);
    }

    [Fact]
    public void Handler_env_var_chooses_among_the_handlers()
    {
        api.Enqueue(FakeEvent.Json("r", "hi"));

        RuntimeRun.For(api, ("_HANDLER", "fail")).Run(Table(), invocations: 1);

        Assert.Equal("/2018-06-01/runtime/invocation/r/error", Assert.Single(api.Posts).Path);
    }

    [Fact]
    public void Unknown_handler_posts_an_init_error_listing_the_valid_names_and_exits_with_1()
    {
        var run = RuntimeRun.For(api, ("_HANDLER", "nope"));
        var table = Table();

        Assert.Equal(1, run.Run(table, invocations: 1));

        var error = Assert.Single(api.Requests);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/2018-06-01/runtime/init/error", error.Path);
        Assert.Equal("Runtime.HandlerNotFound", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        using var json = JsonDocument.Parse(error.Body);
        Assert.Equal("Runtime.HandlerNotFound", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("_HANDLER is \"nope\", which this bootstrap does not have; valid handlers: echo, fail.",
            json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains("valid handlers: echo, fail", run.StderrText, StringComparison.Ordinal);
        Assert.Equal(0, table.CreateCalls);
    }

    [Fact]
    public void No_handler_and_no_default_is_an_init_error()
    {
        var run = RuntimeRun.For(api);

        Assert.Equal(1, run.Run(Table(defaultName: null), invocations: 1));

        Assert.Contains("_HANDLER is not set and this bootstrap has no default handler; set _HANDLER to one of: echo, fail.",
            Assert.Single(api.Requests).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_throwing_posts_an_init_error_and_exits_with_1()
    {
        var run = RuntimeRun.For(api);

        var exit = run.Run(Table(_ => throw new InvalidOperationException("no bucket configured")), invocations: 1);

        Assert.Equal(1, exit);
        var error = Assert.Single(api.Requests);
        Assert.Equal("/2018-06-01/runtime/init/error", error.Path);
        Assert.Equal("InvalidOperationException", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.Contains("no bucket configured", error.BodyText, StringComparison.Ordinal);
        Assert.Contains("init failed: InvalidOperationException: no bucket configured", run.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_is_created_once_before_the_first_next()
    {
        var order = new List<string>();
        var table = new TestTable(new() { ["echo"] = TestTable.Echo }, initialize: _ => order.Add($"init, requests so far: {api.Requests.Count}"));
        api.Enqueue(FakeEvent.Json("r", "1"));

        RuntimeRun.For(api).Run(table, invocations: 1);

        Assert.Equal(["init, requests so far: 0"], order);
        Assert.Equal(1, table.CreateCalls);
    }

    [Theory]
    [InlineData(null, "echo")]
    [InlineData("bootstrap", "echo")]
    [InlineData("fail", "fail")]
    public void Init_context_names_the_chosen_handler_after_the_default_rule_and_reads_the_environment(string? handler, string expected)
    {
        var seen = new List<string>();
        var table = Table(init => seen.Add($"{init.HandlerName} {init.GetEnvironmentVariable("REPORT_BUCKET")} {init.GetEnvironmentVariable("UNSET") ?? "-"}"));
        api.Enqueue(FakeEvent.Json("r", "1"));

        RuntimeRun.For(api, ("_HANDLER", handler), ("REPORT_BUCKET", "reports")).Run(table, invocations: 1);

        Assert.Equal([$"{expected} reports -"], seen);
    }

    [Fact]
    public void Unreachable_runtime_api_exits_with_2_and_says_where_it_tried()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = new RuntimeRun { Environment = new DictionaryEnvironment(("AWS_LAMBDA_RUNTIME_API", $"127.0.0.1:{port}")) };

        Assert.Equal(2, run.Run(Table(), invocations: 1));

        Assert.Contains($"Cannot connect to the Runtime API at 127.0.0.1:{port}", run.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_runtime_api_variable_exits_with_2_and_a_clear_message()
    {
        var run = new RuntimeRun();

        Assert.Equal(2, run.Run(Table(), invocations: 1));

        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", run.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_runtime_api_variable_exits_with_2_and_names_the_value()
    {
        var run = new RuntimeRun { Environment = new DictionaryEnvironment(("AWS_LAMBDA_RUNTIME_API", "localhost")) };

        Assert.Equal(2, run.Run(Table(), invocations: 1));

        Assert.Contains("AWS_LAMBDA_RUNTIME_API is \"localhost\"; expected host:port", run.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_transport_factory_receives_the_runtime_api_address()
    {
        string? seen = null;
        api.Enqueue(FakeEvent.Json("r", "1"));
        var options = new LambdaRuntimeOptions { TransportFactory = address => new SocketRuntimeApiClient(seen = address) };

        Assert.Equal(0, RuntimeRun.For(api).Run(Table(), invocations: 1, options));

        Assert.Equal(api.Address, seen);
    }
}
