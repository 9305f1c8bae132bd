using System.Text;

namespace Flint.Runtime;

/// <summary>One event as <c>GET /next</c> delivered it: the body and the <c>Lambda-Runtime-*</c> headers.</summary>
/// <remarks>
/// Flint's socket transport hands out one instance, refilled by every <c>GET /next</c> (valid until the transport's
/// next call, like <see cref="Payload"/>), and makes the request id's string only when something asks for it:
/// the loop posts the answer from the id's bytes, so an invocation that neither logs nor reads
/// <see cref="ILambdaContext.AwsRequestId"/> allocates nothing for it.
/// </remarks>
public sealed class Invocation
{
    private string? requestId;
    private byte[] requestIdAscii = [];
    private int requestIdLength;
    private long deadlineMs;
    private string invokedFunctionArn = "";
    private string? traceId;
    private string? clientContext;
    private string? cognitoIdentity;
    private string? tenantId;
    private ReadOnlyMemory<byte> payload;

    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    public required string RequestId
    {
        get => requestId ??= Encoding.ASCII.GetString(requestIdAscii, 0, requestIdLength);
        init => (requestId, requestIdLength) = (value, 0);
    }

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c>, Unix epoch milliseconds.</summary>
    public required long DeadlineMs { get => deadlineMs; init => deadlineMs = value; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string InvokedFunctionArn { get => invokedFunctionArn; init => invokedFunctionArn = value; }

    /// <summary><c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceId { get => traceId; init => traceId = value; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>.</summary>
    public string? ClientContext { get => clientContext; init => clientContext = value; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>.</summary>
    public string? CognitoIdentity { get => cognitoIdentity; init => cognitoIdentity = value; }

    /// <summary><c>Lambda-Runtime-Aws-Tenant-Id</c>.</summary>
    public string? TenantId { get => tenantId; init => tenantId = value; }

    /// <summary>The event bytes; owned by the transport and valid until its next call.</summary>
    public ReadOnlyMemory<byte> Payload { get => payload; init => payload = value; }

    /// <summary>The request id as the ASCII bytes it arrived as, when the transport kept them (empty otherwise).</summary>
    internal ReadOnlySpan<byte> RequestIdAscii => requestIdAscii.AsSpan(0, requestIdLength);

    /// <summary>
    /// Refills a reusable instance from the next response; the request id's string is made on first ask. Its bytes are
    /// copied: the loop still posts with them after the transport has read other responses (an error after a 413).
    /// </summary>
    internal void Refill(ReadOnlySpan<byte> requestIdBytes, long deadline, string arn, string? trace,
        string? clientContextJson, string? cognitoIdentityJson, string? tenant, ReadOnlyMemory<byte> body)
    {
        if (requestIdAscii.Length < requestIdBytes.Length)
        {
            requestIdAscii = new byte[Math.Max(64, requestIdBytes.Length)];
        }

        requestIdBytes.CopyTo(requestIdAscii);
        requestIdLength = requestIdBytes.Length;
        requestId = null;
        deadlineMs = deadline;
        invokedFunctionArn = arn;
        traceId = trace;
        clientContext = clientContextJson;
        cognitoIdentity = cognitoIdentityJson;
        tenantId = tenant;
        payload = body;
    }
}
