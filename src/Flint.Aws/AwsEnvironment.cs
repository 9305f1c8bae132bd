using Amazon.Runtime;

namespace Flint.Aws;

/// <summary>
/// Where and as whom Flint's AWS clients talk: the region, credentials, and per-service endpoint overrides
/// (for moto_server, Flint.Local or another S3-compatible server). Read once from the environment during Init.
/// </summary>
/// <example>
/// <code>
/// var aws = AwsEnvironment.FromEnvironment();            // AWS_REGION, AWS_ENDPOINT_URL_S3, ...
/// var s3 = S3ClientFactory.Create(aws);
/// var tests = aws with { S3Endpoint = new Uri("http://127.0.0.1:5000") };
/// </code>
/// </example>
public sealed record AwsEnvironment
{
    /// <summary>The region, e.g. <c>us-east-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Credentials; null means "from the environment" (see <see cref="ResolveCredentials"/>).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>S3 endpoint override (<c>AWS_ENDPOINT_URL_S3</c>); path-style addressing is used with it.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>Lambda endpoint override (<c>AWS_ENDPOINT_URL_LAMBDA</c>), e.g. Flint.Local.</summary>
    public Uri? LambdaEndpoint { get; init; }

    /// <summary>SSM endpoint override (<c>AWS_ENDPOINT_URL_SSM</c>).</summary>
    public Uri? SsmEndpoint { get; init; }

    /// <summary>
    /// Reads <c>AWS_REGION</c> (else <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>) and the endpoint overrides
    /// <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL_LAMBDA</c>, <c>AWS_ENDPOINT_URL_SSM</c>, each falling back to
    /// <c>AWS_ENDPOINT_URL</c>. On Lambda, <c>AWS_REGION</c> is always set.
    /// </summary>
    public static AwsEnvironment FromEnvironment()
    {
        var shared = Endpoint("AWS_ENDPOINT_URL", null);
        return new AwsEnvironment
        {
            Region = Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION") ?? "us-east-1",
            S3Endpoint = Endpoint("AWS_ENDPOINT_URL_S3", shared),
            LambdaEndpoint = Endpoint("AWS_ENDPOINT_URL_LAMBDA", shared),
            SsmEndpoint = Endpoint("AWS_ENDPOINT_URL_SSM", shared),
        };
    }

    /// <summary>
    /// <see cref="Credentials"/> when set; else the Lambda execution role's keys from <c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c> and <c>AWS_SESSION_TOKEN</c>; else the SDK's default credential chain.
    /// </summary>
    public AWSCredentials ResolveCredentials()
    {
        if (Credentials is not null)
        {
            return Credentials;
        }

        return Variable("AWS_ACCESS_KEY_ID") is not null
            ? new EnvironmentVariablesAWSCredentials()
            : Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static Uri? Endpoint(string name, Uri? fallback) =>
        Variable(name) is { } value ? new Uri(value, UriKind.Absolute) : fallback;
}
