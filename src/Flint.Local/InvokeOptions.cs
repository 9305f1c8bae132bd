namespace Flint.Local;

/// <summary>How an invocation is made, and the optional context Lambda passes to the runtime.</summary>
public sealed record InvokeOptions
{
    /// <summary><c>RequestResponse</c> waits for the result; <c>Event</c> queues it and returns 202 at once.</summary>
    public InvocationType InvocationType { get; init; } = InvocationType.RequestResponse;

    /// <summary>Client context JSON (<c>Lambda-Runtime-Client-Context</c>).</summary>
    public string? ClientContext { get; init; }

    /// <summary>Cognito identity JSON (<c>Lambda-Runtime-Cognito-Identity</c>).</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>Tenant id (<c>Lambda-Runtime-Aws-Tenant-Id</c>).</summary>
    public string? TenantId { get; init; }

    /// <summary>X-Ray trace header; null generates one.</summary>
    public string? TraceId { get; init; }
}

/// <summary>Lambda's invocation types.</summary>
public enum InvocationType
{
    /// <summary>Synchronous: the caller waits for the function's result.</summary>
    RequestResponse,

    /// <summary>Asynchronous: queued, the caller gets 202.</summary>
    Event,
}
