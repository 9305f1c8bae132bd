using System.Text;
using System.Text.Json;
using Flint.Events;
using Flint.Functions.Api;

namespace Flint.Functions.Tests;

public sealed class ApiFunctionTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("api-test-secret");
    private const string Body = """{"task":"read","key":"messages/hello.json","user":"alice","email":"alice@example.com"}""";

    private sealed class FakeInvoker(Func<byte[], WorkerResponse> answer) : IWorkerInvoker
    {
        public List<(string Function, string Payload)> Calls { get; } = [];

        public Task<WorkerResponse> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
        {
            Calls.Add((functionName, Encoding.UTF8.GetString(payload)));
            return Task.FromResult(answer(payload));
        }
    }

    private static (ApiFunction Api, List<string> Log) Api(IWorkerInvoker invoker)
    {
        var log = new List<string>();
        var validator = new ApiRequestValidator(ApiOptions.FromEnvironment(_ => null, Secret), TimeProvider.System);
        return (new ApiFunction(validator, invoker, "flint-worker", log.Add), log);
    }

    private static ApiGatewayHttpRequest Request(string body, bool base64 = false, string? signature = null)
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        return new ApiGatewayHttpRequest
        {
            Headers = new Dictionary<string, string>
            {
                ["content-type"] = "application/json",
                ["x-flint-timestamp"] = stamp,
                ["x-flint-signature"] = signature ?? RequestSignature.Sign(Secret, stamp, bytes),
            },
            Body = base64 ? Convert.ToBase64String(bytes) : body,
            IsBase64Encoded = base64,
            RequestContext = new ApiGatewayHttpRequestContext { Http = new ApiGatewayHttpDescription { Method = "POST", Path = "/tasks", SourceIp = "198.51.100.4" } },
        };
    }

    [Fact]
    public async Task Valid_request_is_forwarded_as_the_validated_task_and_the_worker_result_returned()
    {
        var invoker = new FakeInvoker(_ => new WorkerResponse("""{"task":"read","message":"hi"}"""u8.ToArray(), null));
        var (api, _) = Api(invoker);
        var response = await api.HandleAsync(Request(Body, base64: true), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"task":"read","message":"hi"}""", response.Body);
        var (function, payload) = Assert.Single(invoker.Calls);
        Assert.Equal("flint-worker", function);
        var forwarded = JsonSerializer.Deserialize(payload, FunctionsJsonContext.Default.TaskRequest)!;
        Assert.Equal(("read", "messages/hello.json", "alice", "alice@example.com"), (forwarded.Task, forwarded.Key, forwarded.User, forwarded.Email));
    }

    [Fact]
    public async Task Worker_failure_is_502_with_its_error_type_only_and_the_message_goes_to_one_escaped_log_line()
    {
        var invoker = new FakeInvoker(_ => new WorkerResponse(
            """{"errorType":"InvalidTaskException","errorMessage":"Bucket 'internal-logs' at 10.0.0.7:9000 has no key k\r\nREPORT forged","stackTrace":["at Secret.Frame()"]}"""u8.ToArray(), "Unhandled"));
        var (api, log) = Api(invoker);

        var response = await api.HandleAsync(Request(Body), CancellationToken.None);

        Assert.Equal(502, response.StatusCode);
        var body = JsonSerializer.Deserialize(response.Body!, FunctionsJsonContext.Default.WorkerFailureBody)!;
        Assert.Equal(new WorkerFailureBody("worker_failed", "InvalidTaskException"), body);
        Assert.DoesNotContain("internal-logs", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret.Frame", response.Body, StringComparison.Ordinal);
        var line = Assert.Single(log, l => l.Contains("failed in the worker", StringComparison.Ordinal));
        Assert.Contains("has no key k\\u000d\\u000aREPORT forged", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task A_worker_error_type_that_is_not_a_type_name_is_not_answered()
    {
        var invoker = new FakeInvoker(_ => new WorkerResponse("""{"errorType":"s3://internal-logs/k","errorMessage":"x"}"""u8.ToArray(), "Unhandled"));

        var response = await Api(invoker).Api.HandleAsync(Request(Body), CancellationToken.None);

        Assert.Equal(new WorkerFailureBody("worker_failed", null), JsonSerializer.Deserialize(response.Body!, FunctionsJsonContext.Default.WorkerFailureBody));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_outside_the_allowed_ranges_gets_403_whatever_the_size_or_encoding_of_its_body(bool base64Garbage)
    {
        var validator = new ApiRequestValidator(ApiOptions.FromEnvironment(name => name == "ALLOWED_SOURCE_CIDRS" ? "203.0.113.0/24" : null, Secret), TimeProvider.System);
        var api = new ApiFunction(validator, new FakeInvoker(_ => throw new InvalidOperationException("must not be called")), "flint-worker", _ => { });
        var request = Request(Body) with { Body = base64Garbage ? "%%% not base64 %%%" : new string('x', 5 * ApiOptions.MaxBodyBytes), IsBase64Encoded = base64Garbage };

        var response = await api.HandleAsync(request, CancellationToken.None);

        Assert.Equal(403, response.StatusCode);
        Assert.Contains("forbidden", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x61, 0x73, 0x6B, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D })] // {"task":"<invalid UTF-8>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0x6B, 0x65, 0x79, 0x22, 0x3A, 0x22, 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30, 0x22, 0x7D })] // {"key":"\ud800"}
    public async Task A_signed_body_with_text_that_is_not_unicode_is_400_not_a_crash(byte[] body)
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = Request(Body) with
        {
            Body = Convert.ToBase64String(body),
            IsBase64Encoded = true,
            Headers = new Dictionary<string, string>
            {
                ["content-type"] = "application/json",
                ["x-flint-timestamp"] = stamp,
                ["x-flint-signature"] = RequestSignature.Sign(Secret, stamp, body),
            },
        };

        var response = await Api(new FakeInvoker(_ => throw new InvalidOperationException("must not be called"))).Api.HandleAsync(request, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("not valid UTF-8", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_worker_is_502_worker_unavailable()
    {
        var invoker = new FakeInvoker(_ => throw new HttpRequestException("connection refused"));
        var response = await Api(invoker).Api.HandleAsync(Request(Body), CancellationToken.None);
        Assert.Equal(502, response.StatusCode);
        Assert.Contains("worker_unavailable", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_is_logged_without_secret_or_signature_and_the_worker_is_not_called()
    {
        var invoker = new FakeInvoker(_ => throw new InvalidOperationException("must not be called"));
        var (api, log) = Api(invoker);
        var bad = new string('a', 64);
        var response = await api.HandleAsync(Request(Body, signature: bad), CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("""{"error":"unauthorized"}""", response.Body);
        Assert.Equal("application/json", response.Headers!["content-type"]);
        Assert.Empty(invoker.Calls);
        var line = Assert.Single(log);
        Assert.DoesNotContain(bad, line, StringComparison.Ordinal);
        Assert.DoesNotContain("api-test-secret", line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_base64_body_is_400()
    {
        var request = Request(Body) with { Body = "%%%not base64", IsBase64Encoded = true };
        var response = await Api(new FakeInvoker(_ => throw new InvalidOperationException())).Api.HandleAsync(request, CancellationToken.None);
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Huge_body_is_413_without_decoding()
    {
        var request = Request(Body) with { Body = new string('A', (4 * ApiOptions.MaxBodyBytes) + 1), IsBase64Encoded = true };
        var response = await Api(new FakeInvoker(_ => throw new InvalidOperationException())).Api.HandleAsync(request, CancellationToken.None);
        Assert.Equal(413, response.StatusCode);
    }
}
