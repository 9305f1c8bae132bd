using System.Text;
using Flint.Aws;
using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Storage;

namespace Flint.Functions;

/// <summary>
/// What Init builds for the handler <c>_HANDLER</c> names, and nothing more: the digest handlers get an S3
/// client (primed with one listing) and their settings; <c>worker</c> the same plus the read bucket;
/// <c>api</c> the secret (from <c>API_SECRET</c>, else the SSM SecureString named by <c>API_SECRET_PARAMETER</c>),
/// its allow-lists and the Invoke client.
/// </summary>
internal sealed class FunctionServices
{
    public ILogStore? Store { get; private init; }

    public DigestSettings? Digest { get; private init; }

    public string? ReadBucket { get; private init; }

    public string? ReadPrefix { get; private init; }

    public ApiRequestValidator? Validator { get; private init; }

    public IWorkerInvoker? Invoker { get; private init; }

    public string? WorkerFunction { get; private init; }

    public static async Task<FunctionServices> CreateAsync(string handler, Func<string, string?> environment)
    {
        var aws = AwsEnvironment.FromEnvironment();
        switch (handler)
        {
            case "digest" or "digest-plan" or "digest-part" or "digest-merge":
            {
                var settings = DigestSettings.FromEnvironment(environment);
                var s3 = S3ClientFactory.Create(aws);
                await S3ClientFactory.PrimeAsync(s3, settings.SourceBucket).ConfigureAwait(false);
                return new FunctionServices { Store = new S3LogStore(s3), Digest = settings };
            }

            case "worker":
            {
                var settings = string.IsNullOrEmpty(environment("SOURCE_BUCKET")) ? null : DigestSettings.FromEnvironment(environment);
                var readBucket = NonEmpty(environment("READ_BUCKET")) ?? settings?.SourceBucket;
                var s3 = S3ClientFactory.Create(aws);
                if ((readBucket ?? settings?.SourceBucket) is { } primeBucket)
                {
                    await S3ClientFactory.PrimeAsync(s3, primeBucket).ConfigureAwait(false);
                }

                return new FunctionServices
                {
                    Store = new S3LogStore(s3),
                    Digest = settings,
                    ReadBucket = readBucket,
                    ReadPrefix = NonEmpty(environment("READ_PREFIX")),
                };
            }

            case "api":
            {
                var worker = NonEmpty(environment("WORKER_FUNCTION")) ?? NonEmpty(environment("WORKER_FUNCTION_NAME"))
                    ?? throw new InvalidOperationException("WORKER_FUNCTION is not set.");
                var secret = await ReadSecretAsync(aws, environment).ConfigureAwait(false);
                var options = ApiOptions.FromEnvironment(environment, secret);
                return new FunctionServices
                {
                    Validator = new ApiRequestValidator(options, TimeProvider.System),
                    Invoker = new LambdaWorkerInvoker(new LambdaInvokeClient(aws)),
                    WorkerFunction = worker,
                };
            }

            default:
                return new FunctionServices();
        }
    }

    private static async Task<byte[]> ReadSecretAsync(AwsEnvironment aws, Func<string, string?> environment)
    {
        if (NonEmpty(environment("API_SECRET")) is { } inline)
        {
            return Encoding.UTF8.GetBytes(inline);
        }

        var name = NonEmpty(environment("API_SECRET_PARAMETER"))
            ?? throw new InvalidOperationException("Set API_SECRET or API_SECRET_PARAMETER (an SSM SecureString name).");
        try
        {
            return Encoding.UTF8.GetBytes(await SsmParameters.GetAsync(aws, name).ConfigureAwait(false));
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            // The parameter's name is configuration, not a secret; its value never appears in messages.
            throw new InvalidOperationException($"Could not read the api secret from SSM parameter {name}: {e.ErrorCode}.", e);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
