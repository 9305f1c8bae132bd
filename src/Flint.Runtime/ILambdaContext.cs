namespace Flint.Runtime;

/// <summary>What a handler knows about the invocation it is serving and the function it runs in.</summary>
public interface ILambdaContext
{
    /// <summary>The request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>When Lambda will stop the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>Time left until <see cref="Deadline"/>, never negative.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>Fires shortly before <see cref="Deadline"/> so a handler can stop cleanly and still answer.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>The ARN the caller invoked (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>); also exported as <c>_X_AMZN_TRACE_ID</c>.</summary>
    string? TraceId { get; }

    /// <summary>The mobile client context as raw JSON (<c>Lambda-Runtime-Client-Context</c>), if any.</summary>
    string? ClientContext { get; }

    /// <summary>The Cognito identity as raw JSON (<c>Lambda-Runtime-Cognito-Identity</c>), if any.</summary>
    string? CognitoIdentity { get; }

    /// <summary>The tenant id of a multi-tenant function (<c>Lambda-Runtime-Aws-Tenant-Id</c>), if any.</summary>
    string? TenantId { get; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    string FunctionName { get; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_VERSION</c>.</summary>
    string FunctionVersion { get; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> in MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary><c>AWS_LAMBDA_LOG_GROUP_NAME</c>.</summary>
    string LogGroupName { get; }

    /// <summary><c>AWS_LAMBDA_LOG_STREAM_NAME</c>.</summary>
    string LogStreamName { get; }

    /// <summary>Writes log lines tagged with this invocation's request id.</summary>
    ILambdaLogger Logger { get; }
}
