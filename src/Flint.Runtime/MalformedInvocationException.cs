namespace Flint.Runtime;

/// <summary>
/// <c>GET /next</c> named a request id but the rest of its answer could not be read; the loop reports it
/// to <c>/error</c> for that id (errorType <c>Runtime.MalformedInvocation</c>) and goes on.
/// </summary>
internal sealed class MalformedInvocationException : IOException
{
    public MalformedInvocationException(Invocation invocation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Invocation = invocation;
    }

    /// <summary>The invocation the id names, with no payload: what the error is posted for.</summary>
    public Invocation Invocation { get; }
}
