namespace Flint.Local;

/// <summary>What an invocation returned, as the Lambda Invoke API would report it.</summary>
public sealed record InvocationResult
{
    /// <summary>The request id given to the runtime.</summary>
    public required string RequestId { get; init; }

    /// <summary>200 for a finished RequestResponse invocation (also on a function error, as Lambda does), 202 for Event.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The response body, or the error JSON on a function error; empty for Event.</summary>
    public required byte[] Payload { get; init; }

    /// <summary>Null on success; <c>Unhandled</c> on a function error (the <c>X-Amz-Function-Error</c> header).</summary>
    public string? FunctionError { get; init; }

    /// <summary>The REPORT data and raw timings; null for an Event invocation (it is reported via the log when it ends).</summary>
    public InvocationReport? Report { get; init; }

    /// <summary>The lines logged during the invocation (function output and START/END/REPORT).</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload);
}
