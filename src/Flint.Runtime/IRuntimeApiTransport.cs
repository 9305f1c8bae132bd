namespace Flint.Runtime;

/// <summary>
/// Speaks the Lambda Runtime API: one call per kind of request. Flint's transport is <see cref="SocketRuntimeApiClient"/>
/// (HTTP/1.1 on one kept-alive socket); the HttpClient one under <c>bench/</c> exists only to compare with it.
/// Calls are synchronous and made from the loop's thread only.
/// </summary>
internal interface IRuntimeApiTransport : IDisposable
{
    /// <summary>
    /// <c>GET /2018-06-01/runtime/invocation/next</c>, with no timeout: the process may be frozen for hours mid-request.
    /// The returned invocation (and its payload) is valid until the next call.
    /// </summary>
    /// <exception cref="MalformedInvocationException">The answer named a usable request id but could not be read; its
    /// <see cref="MalformedInvocationException.Invocation"/> carries that id, so the loop can post the error for it.</exception>
    Invocation Next();

    /// <summary><c>POST /2018-06-01/runtime/invocation/{id}/response</c>.</summary>
    void PostResponse(Invocation invocation, ReadOnlySpan<byte> body);

    /// <summary><c>POST /2018-06-01/runtime/invocation/{id}/error</c> with the error JSON and headers.</summary>
    void PostError(Invocation invocation, LambdaError error);

    /// <summary><c>POST /2018-06-01/runtime/init/error</c>.</summary>
    void PostInitError(LambdaError error);
}
