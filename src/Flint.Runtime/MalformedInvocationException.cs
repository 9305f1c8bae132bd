namespace Flint.Runtime;

/// <summary>
/// <c>GET /next</c> named a request id but the rest of its answer could not be read; the loop reports it
/// to <c>/error</c> for that id (errorType <c>Runtime.MalformedInvocation</c>) and goes on.
/// </summary>
internal sealed class MalformedInvocationException : IOException
{
    public MalformedInvocationException(string requestId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RequestId = requestId;
    }

    public string RequestId { get; }
}
