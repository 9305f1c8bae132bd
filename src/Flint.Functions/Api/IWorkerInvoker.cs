namespace Flint.Functions.Api;

/// <summary>Calls the worker function synchronously (Lambda Invoke, RequestResponse).</summary>
internal interface IWorkerInvoker
{
    /// <summary>Invokes <paramref name="functionName"/>; <see cref="WorkerResponse.FunctionError"/> is set when the worker failed.</summary>
    Task<WorkerResponse> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken);
}

/// <summary>The worker's payload, and <c>X-Amz-Function-Error</c> when it failed (then the payload is its error JSON).</summary>
internal sealed record WorkerResponse(byte[] Payload, string? FunctionError);

/// <summary>The error document a failed function returns: <c>{errorType, errorMessage}</c> (the stack trace is not passed on).</summary>
internal sealed class WorkerErrorPayload
{
    public string? ErrorType { get; set; }

    public string? ErrorMessage { get; set; }
}

/// <summary>
/// The 502 body when the worker failed or could not be reached: what failed and, for a failure, the error's type only.
/// The worker's message (bucket and variable names, keys, internal addresses) is logged, never answered.
/// </summary>
internal sealed record WorkerFailureBody(string Error, string? ErrorType);
