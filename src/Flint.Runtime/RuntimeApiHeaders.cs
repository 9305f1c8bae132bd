namespace Flint.Runtime;

/// <summary>The <c>Lambda-Runtime-*</c> headers of a <c>GET /next</c> answer, in the order the reader keeps them.</summary>
internal static class RuntimeApiHeaders
{
    public const int RequestId = 0;
    public const int DeadlineMs = 1;
    public const int InvokedFunctionArn = 2;
    public const int TraceId = 3;
    public const int ClientContext = 4;
    public const int CognitoIdentity = 5;
    public const int TenantId = 6;

    public static byte[][] Names() =>
    [
        "Lambda-Runtime-Aws-Request-Id"u8.ToArray(),
        "Lambda-Runtime-Deadline-Ms"u8.ToArray(),
        "Lambda-Runtime-Invoked-Function-Arn"u8.ToArray(),
        "Lambda-Runtime-Trace-Id"u8.ToArray(),
        "Lambda-Runtime-Client-Context"u8.ToArray(),
        "Lambda-Runtime-Cognito-Identity"u8.ToArray(),
        "Lambda-Runtime-Aws-Tenant-Id"u8.ToArray(),
    ];
}
