using System.Diagnostics;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Flint.Aws;

/// <summary>Creates and primes the S3 client a function keeps for its lifetime. Call both during Init.</summary>
/// <example>
/// <code>
/// s3 = S3ClientFactory.Create(AwsEnvironment.FromEnvironment());
/// S3ClientFactory.PrimeAsync(s3, bucket).GetAwaiter().GetResult();
/// </code>
/// </example>
public static class S3ClientFactory
{
    /// <summary>
    /// An S3 client for <paramref name="environment"/>'s region and credentials. With an endpoint override it uses
    /// path-style addressing, signs for the configured region, and computes/validates checksums only when an
    /// operation requires them (non-AWS servers may otherwise store the aws-chunked framing as the object body).
    /// </summary>
    public static AmazonS3Client Create(AwsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = new AmazonS3Config();
        if (environment.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = environment.Region;
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(environment.Region);
        }

        return new AmazonS3Client(environment.ResolveCredentials(), config);
    }

    /// <summary>
    /// Makes one cheap real call (<c>ListObjectsV2</c>, one key) so that the first invocation does not pay for
    /// the SDK's first-request set-up (endpoint rules, signer, connection and TLS). Never throws for a
    /// service error: a missing bucket is reported here and again, clearly, by the first real read.
    /// </summary>
    /// <param name="s3">The client to warm.</param>
    /// <param name="bucket">A bucket the function reads.</param>
    /// <param name="prefix">Optional prefix to list under.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How long priming took and the service error, if any.</returns>
    public static async Task<S3PrimeResult> PrimeAsync(IAmazonS3 s3, string bucket, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            error = $"{e.ErrorCode}: {e.Message}";
        }

        return new S3PrimeResult(Stopwatch.GetElapsedTime(started), error);
    }
}

/// <summary>The outcome of <see cref="S3ClientFactory.PrimeAsync"/>.</summary>
/// <param name="Elapsed">Time the warm-up call took.</param>
/// <param name="Error">The service's error (e.g. <c>NoSuchBucket</c>), or null.</param>
public sealed record S3PrimeResult(TimeSpan Elapsed, string? Error);
