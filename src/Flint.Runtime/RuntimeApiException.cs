namespace Flint.Runtime;

/// <summary>
/// The Runtime API answered a request with an error status (for example 413 for a response over
/// 6 MB, 400/403 for a call out of order, 500 when the sandbox is going away). Transports throw it.
/// </summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Makes the exception for <paramref name="statusCode"/> answered to <paramref name="request"/>.</summary>
    public RuntimeApiException(int statusCode, string request, string? responseBody)
        : base($"The Runtime API answered {statusCode} to {request}{(string.IsNullOrEmpty(responseBody) ? "" : ": " + responseBody)}")
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the Runtime API answered with.</summary>
    public int StatusCode { get; }
}
