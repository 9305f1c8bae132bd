using System.Net;
using System.Text;
using Xunit;

namespace Flint.Local.Tests;

/// <summary>The Lambda Invoke API over HTTP, as an SDK client or another function calls it.</summary>
public sealed class InvokeApiTests : IAsyncLifetime
{
    private LambdaEmulator emulator = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        emulator = await LambdaEmulator.StartAsync();
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "echo", BootstrapPath = TestRuntimes.Floor });
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "manual" });
        http = new HttpClient { BaseAddress = emulator.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task Request_response_invocation_returns_the_function_result()
    {
        using var response = await http.PostAsync("/2015-03-31/functions/echo/invocations", new StringContent("""{"x":"y"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"x":"y"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Function_error_is_signalled_by_the_function_error_header()
    {
        var runtime = new FakeRuntime(emulator.RuntimeApi("manual"));
        var call = http.PostAsync("/2015-03-31/functions/manual/invocations", new StringContent("{}"));
        using var next = await runtime.NextAsync();
        (await runtime.ErrorAsync(FakeRuntime.RequestId(next), """{"errorType":"Boom","errorMessage":"no"}""", "Boom")).Dispose();

        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("""{"errorType":"Boom","errorMessage":"no"}""", await response.Content.ReadAsStringAsync());
        runtime.Dispose();
    }

    [Fact]
    public async Task Event_invocation_is_accepted_with_202_and_still_runs()
    {
        var lines = new List<string>();
        emulator.Log += line => { lock (lines) { lines.Add(line.Text); } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/echo/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Invocation-Type", "Event");

        using var response = await http.SendAsync(request);
        var requestId = response.Headers.GetValues("X-Amzn-RequestId").Single();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        for (var i = 0; i < 500 && !Reported(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(Reported());

        bool Reported()
        {
            lock (lines)
            {
                return lines.Exists(l => l.StartsWith("REPORT RequestId: " + requestId, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Function_can_be_named_by_its_arn_with_a_qualifier()
    {
        using var response = await http.PostAsync(
            "/2015-03-31/functions/" + Uri.EscapeDataString("arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST") + "/invocations",
            new StringContent("1"));

        Assert.Equal("1", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    public async Task A_payload_that_is_not_json_is_400_and_never_reaches_the_warm_sandbox(string payload)
    {
        using var warm = await http.PostAsync("/2015-03-31/functions/echo/invocations", new StringContent("1"));
        var process = emulator.ProcessId("echo");

        using var refused = await http.PostAsync("/2015-03-31/functions/echo/invocations", new StringContent(payload));
        using var after = await http.PostAsync("/2015-03-31/functions/echo/invocations", new StringContent("2"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("InvalidRequestContentException", refused.Headers.GetValues("X-Amzn-ErrorType").Single());
        Assert.Contains("Could not parse request body into json", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("2", await after.Content.ReadAsStringAsync());
        Assert.Equal(process, emulator.ProcessId("echo")); // the same warm process answered
    }

    [Theory]
    [InlineData("RequestResponse", 6_291_456)]
    [InlineData("Event", 1_048_576)]
    public async Task An_event_over_lambdas_request_limit_is_413_with_lambdas_message(string type, int limit)
    {
        var atLimit = "\"" + new string('a', limit - 2) + "\"";
        var overLimit = "\"" + new string('a', limit - 1) + "\"";
        using var accepted = await Post(type, atLimit);
        using var refused = await Post(type, overLimit);

        Assert.True(accepted.IsSuccessStatusCode, $"{type}: {limit} bytes is within the limit ({accepted.StatusCode})");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("RequestTooLargeException", refused.Headers.GetValues("X-Amzn-ErrorType").Single());
        Assert.Contains($"Request must be smaller than {limit} bytes for the InvokeFunction operation", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Task<HttpResponseMessage> Post(string invocationType, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/echo/invocations") { Content = new StringContent(body) };
            request.Headers.Add("X-Amz-Invocation-Type", invocationType);
            return http.SendAsync(request);
        }
    }

    [Fact]
    public async Task Unknown_function_is_404_resource_not_found()
    {
        using var response = await http.PostAsync("/2015-03-31/functions/nope/invocations", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Tail_log_type_returns_the_last_log_lines_in_base64()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/echo/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Log-Type", "Tail");

        using var response = await http.SendAsync(request);
        var tail = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));

        Assert.Contains("REPORT RequestId: ", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_context_header_is_decoded_for_the_runtime()
    {
        var runtime = new FakeRuntime(emulator.RuntimeApi("manual"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/manual/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Client-Context", Convert.ToBase64String("""{"custom":{"k":"v"}}"""u8));
        var call = http.SendAsync(request);

        using var next = await runtime.NextAsync();
        Assert.Equal("""{"custom":{"k":"v"}}""", next.Headers.GetValues("Lambda-Runtime-Client-Context").Single());
        (await runtime.RespondAsync(FakeRuntime.RequestId(next), [1])).Dispose();
        (await call).Dispose();
        runtime.Dispose();
    }

    [Theory]
    [InlineData("echo", "echo")]
    [InlineData("echo:prod", "echo")]
    [InlineData("function:echo", "echo")]
    [InlineData("123456789012:function:echo", "echo")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:echo:7", "echo")]
    public void Function_names_are_read_from_names_and_arns(string given, string expected)
        => Assert.Equal(expected, LambdaEmulator.FunctionNameOf(given));
}
