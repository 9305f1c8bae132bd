using Flint.Aws;
using Flint.Functions.Storage;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary>
/// The one-key listing that warms an S3 client (connection, TLS, signer) during Init, so the first invocation does
/// not pay for it. Each handler class lists where its least-privilege grants in serverless.template allow.
/// </summary>
internal static class S3Warmup
{
    /// <summary>Creates the S3 client from the AWS environment, warms it on <paramref name="target"/> and wraps it as the log store.</summary>
    public static async Task<ILogStore> CreateStoreAsync((string Bucket, string? Prefix)? target, ILambdaLogger logger)
    {
        var s3 = S3ClientFactory.Create(AwsEnvironment.FromEnvironment());
        await RunAsync(s3, target, logger).ConfigureAwait(false);
        return new S3LogStore(s3);
    }

    /// <summary>Runs the listing; it never fails Init (a denied or unreachable S3 is only logged).</summary>
    private static async Task RunAsync(Amazon.S3.IAmazonS3 s3, (string Bucket, string? Prefix)? target, ILambdaLogger logger)
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
            logger.Warn($"S3 warm-up listing of s3://{t.Bucket}/{t.Prefix} failed (Init goes on): {error}");
        }
    }
}
