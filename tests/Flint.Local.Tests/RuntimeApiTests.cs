using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Flint.Local.Tests;

/// <summary>The Runtime API, driven by a test playing the runtime (no process is spawned).</summary>
public sealed class RuntimeApiTests : IAsyncLifetime
{
    private LambdaEmulator emulator = null!;
    private FakeRuntime runtime = null!;

    public async Task InitializeAsync()
    {
        emulator = await LambdaEmulator.StartAsync(new EmulatorOptions { Region = "eu-west-1", AccountId = "111122223333" });
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "fn", Timeout = TimeSpan.FromMinutes(5) });
        runtime = new FakeRuntime(emulator.RuntimeApi("fn"));
    }

    public async Task DisposeAsync()
    {
        runtime.Dispose();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task Next_carries_the_event_and_lambdas_headers()
    {
        var invoke = emulator.InvokeAsync("fn", """{"a":1}""", new InvokeOptions { ClientContext = """{"client":{}}""", CognitoIdentity = """{"id":"x"}""", TenantId = "tenant-7" });
        using var next = await runtime.NextAsync();

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("""{"a":1}""", await next.Content.ReadAsStringAsync());
        var headers = next.Headers;
        Assert.Matches("^[0-9a-f-]{36}$", headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single());
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:fn", headers.GetValues("Lambda-Runtime-Invoked-Function-Arn").Single());
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$", headers.GetValues("Lambda-Runtime-Trace-Id").Single());
        Assert.Equal("""{"client":{}}""", headers.GetValues("Lambda-Runtime-Client-Context").Single());
        Assert.Equal("""{"id":"x"}""", headers.GetValues("Lambda-Runtime-Cognito-Identity").Single());
        Assert.Equal("tenant-7", headers.GetValues("Lambda-Runtime-Aws-Tenant-Id").Single());
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(headers.GetValues("Lambda-Runtime-Deadline-Ms").Single()));
        Assert.InRange(deadline - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        await runtime.RespondAsync(FakeRuntime.RequestId(next), [1]);
        await invoke;
    }

    [Fact]
    public async Task Optional_headers_are_absent_when_not_given()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();

        Assert.False(next.Headers.Contains("Lambda-Runtime-Client-Context"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Cognito-Identity"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Aws-Tenant-Id"));
        await runtime.RespondAsync(FakeRuntime.RequestId(next), [1]);
        await invoke;
    }

    [Fact]
    public async Task Small_event_comes_with_a_content_length()
    {
        var invoke = emulator.InvokeAsync("fn", new byte[2048]);
        using var next = await runtime.NextAsync();

        Assert.Equal(2048, next.Content.Headers.ContentLength);
        Assert.NotEqual(true, next.Headers.TransferEncodingChunked);
        await runtime.RespondAsync(FakeRuntime.RequestId(next), [1]);
        await invoke;
    }

    [Fact]
    public async Task Event_over_two_kilobytes_arrives_chunked_and_intact()
    {
        var payload = new byte[100_000];
        new Random(7).NextBytes(payload);
        var invoke = emulator.InvokeAsync("fn", payload);
        using var next = await runtime.NextAsync();

        Assert.True(next.Headers.TransferEncodingChunked);
        Assert.Null(next.Content.Headers.ContentLength);
        Assert.Equal(payload, await next.Content.ReadAsByteArrayAsync());
        await runtime.RespondAsync(FakeRuntime.RequestId(next), [1]);
        await invoke;
    }

    [Fact]
    public async Task Response_ends_the_invocation_with_the_same_bytes()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();
        var body = Encoding.UTF8.GetBytes("""{"answer":42,"text":"ünïcødé"}""");
        using var accepted = await runtime.RespondAsync(FakeRuntime.RequestId(next), body);

        var result = await invoke;
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.FunctionError);
        Assert.Equal(body, result.Payload);
        Assert.Equal(FakeRuntime.RequestId(next), result.RequestId);
    }

    [Fact]
    public async Task Error_ends_the_invocation_as_an_unhandled_function_error_with_its_body()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();
        const string error = """{"errorType":"System.InvalidOperationException","errorMessage":"boom","stackTrace":["at X"]}""";
        using var accepted = await runtime.ErrorAsync(FakeRuntime.RequestId(next), error, "System.InvalidOperationException");

        var result = await invoke;
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal(error, result.PayloadText);
    }

    [Fact]
    public async Task Response_for_an_unknown_request_id_is_rejected_with_400()
    {
        using var rejected = await runtime.RespondAsync("not-a-request", [1]);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        using var json = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        Assert.Equal("InvalidRequestID", json.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Second_response_for_a_finished_invocation_is_rejected_with_403()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();
        var id = FakeRuntime.RequestId(next);
        (await runtime.RespondAsync(id, [1])).Dispose();
        await invoke;

        using var again = await runtime.ErrorAsync(id, "{}", "X");

        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        using var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal("InvalidStateTransition", json.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Next_while_an_invocation_is_in_flight_is_rejected_with_403()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();

        using var early = await runtime.NextAsync();

        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        (await runtime.RespondAsync(FakeRuntime.RequestId(next), [1])).Dispose();
        Assert.Null((await invoke).FunctionError);
    }

    [Fact]
    public async Task Init_error_after_init_is_rejected_with_403()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();

        using var late = await runtime.InitErrorAsync("""{"errorType":"X","errorMessage":"late"}""");

        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        (await runtime.RespondAsync(FakeRuntime.RequestId(next), [1])).Dispose();
        await invoke;
    }

    [Fact]
    public async Task Response_over_six_megabytes_is_rejected_with_413_and_the_invocation_fails()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();

        using var tooLarge = await runtime.RespondAsync(FakeRuntime.RequestId(next), new byte[6 * 1024 * 1024 + 101]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        using (var json = JsonDocument.Parse(await tooLarge.Content.ReadAsStringAsync()))
        {
            Assert.Equal("RequestEntityTooLarge", json.RootElement.GetProperty("errorType").GetString());
        }

        var pendingNext = runtime.NextAsync(); // the runtime moves on; the invocation ends with Lambda's size error
        var result = await invoke;
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Contains("Function.ResponseSizeTooLarge", result.PayloadText, StringComparison.Ordinal);
        Assert.False(pendingNext.IsCompleted);
    }

    [Fact]
    public async Task Response_of_exactly_six_megabytes_is_accepted()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var next = await runtime.NextAsync();

        using var accepted = await runtime.RespondAsync(FakeRuntime.RequestId(next), new byte[6 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(6 * 1024 * 1024, (await invoke).Payload.Length);
    }

    [Fact]
    public async Task Unknown_runtime_path_is_404()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://{emulator.RuntimeApi("fn")}/2018-06-01/runtime/bogus"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_path_prefix_before_the_api_is_accepted()
    {
        var invoke = emulator.InvokeAsync("fn", "{}");
        using var prefixed = new FakeRuntime(emulator.RuntimeApi("fn") + "/fn/prefix");
        using var next = await prefixed.NextAsync();
        (await prefixed.RespondAsync(FakeRuntime.RequestId(next), "ok"u8.ToArray())).Dispose();

        Assert.Equal("ok", (await invoke).PayloadText);
    }

    [Fact]
    public async Task Invocations_queue_and_are_served_in_order()
    {
        var first = emulator.InvokeAsync("fn", "1");
        var second = emulator.InvokeAsync("fn", "2");
        foreach (var _ in new[] { 1, 2 })
        {
            using var next = await runtime.NextAsync();
            (await runtime.RespondAsync(FakeRuntime.RequestId(next), await next.Content.ReadAsByteArrayAsync())).Dispose();
        }

        Assert.Equal("1", (await first).PayloadText);
        Assert.Equal("2", (await second).PayloadText);
    }
}
