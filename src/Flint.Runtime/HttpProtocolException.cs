namespace Flint.Runtime;

/// <summary>The Runtime API's answer broke HTTP/1.1 framing; the connection cannot be reused.</summary>
internal sealed class HttpProtocolException : IOException
{
    public HttpProtocolException(string message)
        : base("Malformed Runtime API response: " + message)
    {
    }
}
