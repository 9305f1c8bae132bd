using System.Text;

namespace Flint.Runtime;

/// <summary>One event as <c>GET /next</c> delivered it: the body and the <c>Lambda-Runtime-*</c> headers.</summary>
/// <remarks>
/// A transport hands out one instance, refilled by every <c>GET /next</c> (valid until the transport's
/// next call, like <see cref="Payload"/>), which makes the request id's string only when something asks for it:
/// the loop posts the answer from the id's bytes, so an invocation that neither logs nor reads
/// <see cref="ILambdaContext.AwsRequestId"/> allocates nothing for it.
/// </remarks>
internal sealed class Invocation
{
    private string? requestId;
    private byte[] requestIdAscii = [];
    private int requestIdLength;

    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    public string RequestId => requestId ??= Encoding.ASCII.GetString(requestIdAscii, 0, requestIdLength);

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c>, Unix epoch milliseconds.</summary>
    public long DeadlineMs { get; private set; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string InvokedFunctionArn { get; private set; } = "";

    /// <summary><c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceId { get; private set; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>.</summary>
    public string? ClientContext { get; private set; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>.</summary>
    public string? CognitoIdentity { get; private set; }

    /// <summary><c>Lambda-Runtime-Aws-Tenant-Id</c>.</summary>
    public string? TenantId { get; private set; }

    /// <summary>The event bytes; owned by the transport and valid until its next call.</summary>
    public ReadOnlyMemory<byte> Payload { get; private set; }

    /// <summary>The request id as the ASCII bytes it arrived as.</summary>
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
        DeadlineMs = deadline;
        InvokedFunctionArn = arn;
        TraceId = trace;
        ClientContext = clientContextJson;
        CognitoIdentity = cognitoIdentityJson;
        TenantId = tenant;
        Payload = body;
    }
}
