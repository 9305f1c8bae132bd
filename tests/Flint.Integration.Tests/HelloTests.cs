using System.Net;
using System.Text;
using System.Text.Json;
using Flint.Local;
using Xunit;

namespace Flint.Integration.Tests;

/// <summary>The published AOT hello bootstrap under Flint.Local: what a user of the runtime sees.</summary>
public sealed class HelloTests : IAsyncLifetime
{
    private LambdaEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        emulator = await LambdaEmulator.StartAsync();
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "hello", BootstrapPath = HelloBootstrap.Path });
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task Echo_of_a_20_byte_event_is_byte_exact()
    {
        var payload = """{"message":"hi you"}"""u8.ToArray();
        Assert.Equal(20, payload.Length);

        var result = await emulator.InvokeAsync("hello", payload);

        Assert.Null(result.FunctionError);
        Assert.Equal(payload, result.Payload);
    }

    [Fact]
    public async Task Echo_of_a_100_KB_chunked_event_is_byte_exact()
    {
        var payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new string('x', 100 * 1024 - 2), Json.Default.String));
        Assert.Equal(100 * 1024, payload.Length);

        var result = await emulator.InvokeAsync("hello", payload);

        Assert.Null(result.FunctionError);
        Assert.Equal(payload, result.Payload);
    }

    [Fact]
    public async Task Echo_is_the_default_handler_and_a_cold_start_reports_init_duration()
    {
        var result = await emulator.InvokeAsync("hello", "{}");

        Assert.Equal("{}", result.PayloadText);
        Assert.True(result.Report!.Cold);
        Assert.Contains("\tInit Duration: ", result.Report.ToLine(), StringComparison.Ordinal);
        Assert.InRange(result.Report.MaxMemoryUsedMB, 1, 128);
    }

    [Fact]
    public async Task Fail_handler_returns_the_error_shape_and_the_function_error_header()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "fail", BootstrapPath = HelloBootstrap.Path, Handler = "fail" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsync("/2015-03-31/functions/fail/invocations", new StringContent("{}"));
        using var error = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("Flint.Hello: the 'fail' handler fails on purpose.", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
    }

    [Fact]
    public async Task Loop_survives_a_failing_invocation()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "fail", BootstrapPath = HelloBootstrap.Path, Handler = "fail" });

        var first = await emulator.InvokeAsync("fail", "{}");
        var second = await emulator.InvokeAsync("fail", "{}");

        Assert.Equal("Unhandled", second.FunctionError);
        Assert.Equal(first.Report!.ProcessId, second.Report!.ProcessId);
        Assert.False(second.Report.Cold);
    }

    [Fact]
    public async Task Deadline_token_fires_before_the_timeout()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "sleep", BootstrapPath = HelloBootstrap.Path, Handler = "sleep", Timeout = TimeSpan.FromSeconds(5) });

        var result = await emulator.InvokeAsync("sleep", "{}");

        Assert.Null(result.FunctionError); // it answered before Lambda's timeout
        using var body = JsonDocument.Parse(result.Payload);
        Assert.True(body.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.InRange(body.RootElement.GetProperty("remainingMs").GetInt64(), 0, 4999);
    }

    [Fact]
    public async Task Thousand_sequential_invocations_lose_none()
    {
        int? processId = null;
        for (var i = 0; i < 1000; i++)
        {
            var payload = $$"""{"i":{{i}}}""";
            var result = await emulator.InvokeAsync("hello", payload);

            Assert.Equal(payload, result.PayloadText);
            processId ??= result.Report!.ProcessId;
            Assert.Equal(processId, result.Report!.ProcessId);
        }
    }

    [Fact]
    public async Task Runtime_reconnects_when_the_server_closes_the_connection_after_each_response()
    {
        await using var closing = await LambdaEmulator.StartAsync(new EmulatorOptions { CloseConnectionAfterResponse = true });
        await closing.AddFunctionAsync(new FunctionDefinition { Name = "hello", BootstrapPath = HelloBootstrap.Path });

        var results = new List<InvocationResult>();
        for (var i = 0; i < 50; i++)
        {
            results.Add(await closing.InvokeAsync("hello", $"[{i}]"));
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"[{i}]"), results.Select(r => r.PayloadText));
        Assert.Single(results.Select(r => r.Report!.ProcessId).Distinct());
    }
}
