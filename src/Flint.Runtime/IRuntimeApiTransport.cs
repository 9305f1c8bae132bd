namespace Flint.Runtime;

/// <summary>
/// Speaks the Lambda Runtime API. Flint's default is <see cref="SocketRuntimeApiClient"/> (HTTP/1.1 on
/// one kept-alive socket); <c>Flint.Runtime.HttpClient</c> provides one on HttpClient for comparison.
/// Calls are synchronous and made from the loop's thread only.
/// </summary>
public interface IRuntimeApiTransport : IDisposable
{
    /// <summary>
    /// <c>GET /2018-06-01/runtime/invocation/next</c>, with no timeout: the process may be frozen
    /// for hours mid-request. The returned invocation (and its payload) is valid until the next call.
    /// </summary>
    Invocation Next();

    /// <summary><c>POST /2018-06-01/runtime/invocation/{id}/response</c>.</summary>
    void PostResponse(string requestId, ReadOnlySpan<byte> body);

    /// <summary><c>POST /2018-06-01/runtime/invocation/{id}/error</c> with the error JSON and headers.</summary>
    void PostError(string requestId, LambdaError error);

    /// <summary>
    /// <see cref="PostResponse(string, ReadOnlySpan{byte})"/> for <paramref name="invocation"/>, which the loop calls:
    /// a transport that kept the request id's bytes can post without making its string.
    /// </summary>
    void PostResponse(Invocation invocation, ReadOnlySpan<byte> body) => PostResponse(invocation.RequestId, body);

    /// <summary><see cref="PostError(string, LambdaError)"/> for <paramref name="invocation"/>, which the loop calls.</summary>
    void PostError(Invocation invocation, LambdaError error) => PostError(invocation.RequestId, error);

    /// <summary><c>POST /2018-06-01/runtime/init/error</c>.</summary>
    void PostInitError(LambdaError error);
}
