using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Flint.Runtime.HttpClient;

/// <summary>
/// The Runtime API client on <see cref="System.Net.Http.HttpClient"/> (SocketsHttpHandler, no timeout), as
/// Amazon.Lambda.RuntimeSupport does it. Same requests and error JSON as <see cref="SocketRuntimeApiClient"/>;
/// it exists to measure what HttpClient costs at cold start.
/// </summary>
internal sealed class HttpClientRuntimeApiClient : IRuntimeApiTransport
{
    private readonly System.Net.Http.HttpClient client;
    private readonly Uri next;
    private readonly Uri initError;
    private readonly string invocationBase;
    private readonly PooledBufferWriter scratch = new(1024);
    private readonly Invocation invocation = new();

    /// <summary>Prepares the client for <paramref name="runtimeApi"/> (<c>host:port</c> or <c>host:port/prefix</c>).</summary>
    public HttpClientRuntimeApiClient(string runtimeApi)
    {
        var address = RuntimeApiAddress.Parse(runtimeApi);
        var root = "http://" + address.Authority + address.RuntimePath;
        next = new Uri(root + "invocation/next");
        initError = new Uri(root + "init/error");
        invocationBase = root + "invocation/";
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None };
        client = new System.Net.Http.HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Invocation Next()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, next);
        using var response = client.Send(request, HttpCompletionOption.ResponseContentRead);
        var body = ReadBody(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException((int)response.StatusCode, "GET /runtime/invocation/next", Encoding.UTF8.GetString(body));
        }

        var requestId = Encoding.ASCII.GetBytes(Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new IOException("Malformed Runtime API response: GET /next answered without a Lambda-Runtime-Aws-Request-Id header."));
        if (!long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), out var deadlineMs))
        {
            invocation.Refill(requestId, 0, "", null, null, null, null, default);
            throw new MalformedInvocationException(invocation, "Malformed Runtime API response: Lambda-Runtime-Deadline-Ms is not a number.");
        }

        invocation.Refill(
            requestId,
            deadlineMs,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Client-Context"),
            Header(response, "Lambda-Runtime-Cognito-Identity"),
            Header(response, "Lambda-Runtime-Aws-Tenant-Id"),
            body);
        return invocation;
    }

    public void PostResponse(Invocation invocation, ReadOnlySpan<byte> body)
    {
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Post(new Uri(invocationBase + invocation.RequestId + "/response"), content, "POST /runtime/invocation/{id}/response");
    }

    public void PostError(Invocation invocation, LambdaError error) =>
        PostError(new Uri(invocationBase + invocation.RequestId + "/error"), error, "POST /runtime/invocation/{id}/error");

    public void PostInitError(LambdaError error) => PostError(initError, error, "POST /runtime/init/error");

    public void Dispose()
    {
        client.Dispose();
        scratch.Dispose();
    }

    private void PostError(Uri uri, LambdaError error, string what)
    {
        ArgumentNullException.ThrowIfNull(error);
        scratch.Reset();
        LambdaErrorJson.WriteBody(scratch, error);
        using var content = new ByteArrayContent(scratch.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", LambdaErrorJson.HeaderSafe(error.ErrorType));
        scratch.Reset();
        LambdaErrorJson.WriteXRayCause(scratch, error, Environment.CurrentDirectory);
        if (scratch.WrittenCount <= LambdaErrorJson.MaxXRayCauseBytes)
        {
            content.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-XRay-Error-Cause", Encoding.ASCII.GetString(scratch.WrittenSpan));
        }

        Post(uri, content, what);
    }

    private void Post(Uri uri, HttpContent content, string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        using var response = client.Send(request, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException((int)response.StatusCode, what, Encoding.UTF8.GetString(ReadBody(response)));
        }
    }

    private static byte[] ReadBody(HttpResponseMessage response)
    {
        using var stream = response.Content.ReadAsStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
