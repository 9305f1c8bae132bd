using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.S3;

namespace Flint.Aws;

/// <summary>How Lambda runs an invocation.</summary>
public enum InvocationType
{
    /// <summary>Wait for the function and return its result (200).</summary>
    RequestResponse,

    /// <summary>Queue the event and return at once (202).</summary>
    Event,

    /// <summary>Only check parameters and permissions (204).</summary>
    DryRun,
}

/// <summary>The outcome of an invocation.</summary>
/// <param name="StatusCode">200 (RequestResponse), 202 (Event) or 204 (DryRun), also when the function failed.</param>
/// <param name="Payload">The function's response, or its error JSON (<c>errorType</c>, <c>errorMessage</c>) when it failed.</param>
/// <param name="FunctionError">The <c>X-Amz-Function-Error</c> header (<c>Unhandled</c>, <c>Handled</c>); null on success.</param>
/// <param name="ExecutedVersion">The version that ran (<c>X-Amz-Executed-Version</c>), when returned.</param>
public sealed record LambdaInvokeResult(int StatusCode, byte[] Payload, string? FunctionError, string? ExecutedVersion)
{
    /// <summary>True when the function ran and failed.</summary>
    public bool IsFunctionError => FunctionError is not null;
}

/// <summary>Lambda refused the call itself (unknown function, throttled, access denied, payload too large).</summary>
/// <param name="statusCode">HTTP status from the Lambda service.</param>
/// <param name="errorType">The service's error type (<c>x-amzn-ErrorType</c>), e.g. <c>ResourceNotFoundException</c>.</param>
/// <param name="message">The service's message body.</param>
public sealed class LambdaInvokeException(int statusCode, string errorType, string message)
    : Exception($"Lambda Invoke failed with {statusCode} {errorType}: {message}")
{
    /// <summary>HTTP status from the Lambda service.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The service's error type, e.g. <c>ResourceNotFoundException</c>, <c>TooManyRequestsException</c>.</summary>
    public string ErrorType { get; } = errorType;
}

/// <summary>
/// Calls another function through Lambda's Invoke API (<c>POST /2015-03-31/functions/{name}/invocations</c>),
/// signed with AWSSDK.Core's SigV4 signer and credentials; a stand-in for AWSSDK.Lambda, which Flint cannot use.
/// Create one during Init and keep it: it holds one pooled HTTP connection set.
/// </summary>
/// <example>
/// <code>
/// var lambda = new LambdaInvokeClient(AwsEnvironment.FromEnvironment());
/// var result = lambda.Invoke("worker", """{"task":"read","key":"a.json"}"""u8.ToArray());
/// if (result.IsFunctionError) { /* result.Payload holds {"errorType":...,"errorMessage":...} */ }
/// </code>
/// </example>
public sealed class LambdaInvokeClient : IDisposable
{
    private const string ServiceName = "lambda";

    private readonly AwsEnvironment environment;
    private readonly AWSCredentials credentials;
    private readonly Uri endpoint;
    private readonly HttpClient http;
    private readonly AWS4Signer signer = new();

    // The signer reads the signing name from a client config; any SDK config carries it, S3's is already loaded.
    private readonly AmazonS3Config signingConfig = new() { AuthenticationServiceName = ServiceName };

    /// <summary>A client for <paramref name="environment"/>'s region, credentials and Lambda endpoint override.</summary>
    /// <param name="environment">Region, credentials and <see cref="AwsEnvironment.LambdaEndpoint"/>.</param>
    /// <param name="timeout">Longest wait for one invocation (default 15 minutes, Lambda's maximum run time).</param>
    public LambdaInvokeClient(AwsEnvironment environment, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        this.environment = environment;
        credentials = environment.ResolveCredentials();
        endpoint = environment.LambdaEndpoint ?? new Uri($"https://lambda.{environment.Region}.amazonaws.com");
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = timeout ?? TimeSpan.FromMinutes(15),
        };
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => endpoint;

    /// <summary>Invokes a function and waits for the HTTP answer (synchronous, for the runtime's handler thread).</summary>
    /// <param name="functionName">Name, partial or full ARN.</param>
    /// <param name="payload">The event, JSON.</param>
    /// <param name="invocationType">RequestResponse (default), Event or DryRun.</param>
    /// <param name="qualifier">Version or alias, optional.</param>
    /// <param name="cancellationToken">Cancels the call (e.g. the invocation's deadline).</param>
    /// <exception cref="LambdaInvokeException">Lambda refused the call (not a function error).</exception>
    public LambdaInvokeResult Invoke(
        string functionName, ReadOnlyMemory<byte> payload, InvocationType invocationType = InvocationType.RequestResponse,
        string? qualifier = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(functionName, payload, invocationType, qualifier);
        using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        using var body = response.Content.ReadAsStream(cancellationToken);
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return ToResult(response, copy.ToArray());
    }

    /// <inheritdoc cref="Invoke"/>
    public async Task<LambdaInvokeResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, InvocationType invocationType = InvocationType.RequestResponse,
        string? qualifier = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(functionName, payload, invocationType, qualifier);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ToResult(response, bytes);
    }

    /// <summary>Builds the signed HTTP request: the SDK signer computes the headers, HttpClient sends them.</summary>
    internal HttpRequestMessage CreateRequest(string functionName, ReadOnlyMemory<byte> payload, InvocationType invocationType, string? qualifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        var body = payload.ToArray();
        var sdkRequest = new DefaultRequest(new InvokeMarker(), ServiceName)
        {
            HttpMethod = "POST",
            Endpoint = endpoint,
            ResourcePath = "/2015-03-31/functions/{FunctionName}/invocations",
            Content = body,
            AuthenticationRegion = environment.Region,
            OverrideSigningServiceName = ServiceName,
        };
        sdkRequest.AddPathResource("{FunctionName}", functionName);
        if (!string.IsNullOrEmpty(qualifier))
        {
            sdkRequest.AddSubResource("Qualifier", qualifier);
        }

        sdkRequest.Headers["X-Amz-Invocation-Type"] = invocationType.ToString();
        sdkRequest.Headers["Content-Type"] = "application/json";
        var identity = credentials.GetCredentials();
        if (identity.UseToken)
        {
            sdkRequest.Headers["X-Amz-Security-Token"] = identity.Token;
        }

        signer.Sign(sdkRequest, signingConfig, metrics: null, credentials);

        var message = new HttpRequestMessage(HttpMethod.Post, AmazonServiceClient.ComposeUrl(sdkRequest))
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpClient writes the same host[:port] from the URI.
            }

            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private static LambdaInvokeResult ToResult(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 299)
        {
            var errorType = Header(response, "x-amzn-ErrorType")?.Split(':')[0] ?? "Http" + status.ToString(CultureInfo.InvariantCulture);
            throw new LambdaInvokeException(status, errorType, System.Text.Encoding.UTF8.GetString(body));
        }

        return new LambdaInvokeResult(status, body, Header(response, "X-Amz-Function-Error"), Header(response, "X-Amz-Executed-Version"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => http.Dispose();

    /// <summary>The SDK's request type needs an originating request object; Invoke has no SDK model.</summary>
    private sealed class InvokeMarker : AmazonWebServiceRequest;
}
