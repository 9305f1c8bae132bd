namespace Flint.Runtime;

/// <summary>One event as <c>GET /next</c> delivered it: the body and the <c>Lambda-Runtime-*</c> headers.</summary>
public sealed class Invocation
{
    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c>, Unix epoch milliseconds.</summary>
    public required long DeadlineMs { get; init; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string InvokedFunctionArn { get; init; } = "";

    /// <summary><c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceId { get; init; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>.</summary>
    public string? ClientContext { get; init; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary><c>Lambda-Runtime-Aws-Tenant-Id</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>The event bytes; owned by the transport and valid until its next call.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
