namespace Flint.Runtime;

/// <summary>Flint's Runtime API client: HTTP/1.1 over one kept-alive socket, no System.Net.Http.</summary>
public sealed class SocketRuntimeApiClient : IRuntimeApiTransport
{
    /// <summary>Connects lazily to <paramref name="runtimeApi"/> (<c>host:port</c> or <c>host:port/prefix</c>).</summary>
    public SocketRuntimeApiClient(string runtimeApi)
    {
        throw new NotImplementedException(runtimeApi);
    }

    public Invocation Next() => throw new NotImplementedException();

    public void PostResponse(string requestId, ReadOnlySpan<byte> body) => throw new NotImplementedException();

    public void PostError(string requestId, LambdaError error) => throw new NotImplementedException();

    public void PostInitError(LambdaError error) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
