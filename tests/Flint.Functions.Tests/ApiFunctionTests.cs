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
    public async Task Worker_failure_is_502_with_its_error_type_and_message_but_no_stack()
    {
        var invoker = new FakeInvoker(_ => new WorkerResponse(
            """{"errorType":"InvalidTaskException","errorMessage":"Object k has no string field \"message\".","stackTrace":["at Secret.Frame()"]}"""u8.ToArray(), "Unhandled"));
        var response = await Api(invoker).Api.HandleAsync(Request(Body), CancellationToken.None);

        Assert.Equal(502, response.StatusCode);
        var body = JsonSerializer.Deserialize(response.Body!, FunctionsJsonContext.Default.WorkerFailureBody)!;
        Assert.Equal(new WorkerFailureBody("worker_failed", "InvalidTaskException", "Object k has no string field \"message\"."), body);
        Assert.DoesNotContain("Secret.Frame", response.Body, StringComparison.Ordinal);
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
