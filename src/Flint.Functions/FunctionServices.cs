using System.Text;
using Flint.Aws;
using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Storage;

namespace Flint.Functions;

/// <summary>
/// What Init builds for the handler <c>_HANDLER</c> names, and nothing more: the digest handlers get an S3
/// client (primed with one listing its role allows, see <see cref="PrimeTarget"/>) and their settings; <c>worker</c> the same plus the read bucket;
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
                await PrimeAsync(s3, PrimeTarget(handler, settings, null, null)).ConfigureAwait(false);
                return new FunctionServices { Store = new S3LogStore(s3), Digest = settings };
            }

            case "worker":
            {
                var settings = string.IsNullOrEmpty(environment("SOURCE_BUCKET")) ? null : DigestSettings.FromEnvironment(environment);
                var readBucket = NonEmpty(environment("READ_BUCKET")) ?? settings?.SourceBucket;
                var readPrefix = NonEmpty(environment("READ_PREFIX"));
                var s3 = S3ClientFactory.Create(aws);
                await PrimeAsync(s3, PrimeTarget(handler, settings, readBucket, readPrefix)).ConfigureAwait(false);

                return new FunctionServices
                {
                    Store = new S3LogStore(s3),
                    Digest = settings,
                    ReadBucket = readBucket,
                    ReadPrefix = readPrefix,
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

    /// <summary>
    /// The one-key listing that warms the S3 client (connection, TLS, signer) during Init, chosen inside the
    /// handler's least-privilege grants in serverless.template: digest, digest-plan, digest-part and worker list the
    /// source bucket under the static part of <c>SOURCE_PREFIX</c>; digest-merge lists <c>PARTS_PREFIX</c> in the
    /// report bucket; a worker without <c>SOURCE_BUCKET</c> tries its read bucket under <c>READ_PREFIX</c>.
    /// </summary>
    internal static (string Bucket, string? Prefix)? PrimeTarget(string handler, DigestSettings? settings, string? readBucket, string? readPrefix) =>
        (handler, settings) switch
        {
            ("digest-merge", not null) => (settings.ReportBucket, settings.PartsPrefix),
            (_, not null) => (settings.SourceBucket, settings.SourcePrefix.StaticPrefix),
            _ when readBucket is not null => (readBucket, readPrefix),
            _ => null,
        };

    /// <summary>Runs the warm-up listing; it never fails Init (a denied or unreachable S3 is only logged).</summary>
    private static async Task PrimeAsync(Amazon.S3.IAmazonS3 s3, (string Bucket, string? Prefix)? target)
    {
        if (target is not { } t)
        {
            return;
        }

        string? error;
        try
        {
            error = (await S3ClientFactory.PrimeAsync(s3, t.Bucket, t.Prefix).ConfigureAwait(false)).Error;
        }
        catch (Exception e)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }

        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"S3 warm-up listing of s3://{t.Bucket}/{t.Prefix} failed (Init goes on): {error}").ConfigureAwait(false);
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
