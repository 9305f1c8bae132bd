using Flint.Functions.Digest;
using Flint.Functions.Storage;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary><c>digest-merge</c>: merges a run's partials from <c>REPORT_BUCKET</c> into the day's report.</summary>
internal sealed partial class DigestMergeHandler(ILogStore store, DigestSettings settings)
{
    /// <summary>Reads the digest settings, creates the S3 client and warms it on the parts prefix.</summary>
    [LambdaInit]
    public static async Task<DigestMergeHandler> CreateAsync(LambdaInitContext init)
    {
        var settings = DigestSettings.FromEnvironment(init.GetEnvironmentVariable);
        return new DigestMergeHandler(await S3Warmup.CreateStoreAsync(WarmupTarget(settings), init.Logger).ConfigureAwait(false), settings);
    }

    /// <summary><c>PARTS_PREFIX</c> in the report bucket: merge's role lists only there.</summary>
    internal static (string Bucket, string? Prefix) WarmupTarget(DigestSettings settings) => (settings.ReportBucket, settings.PartsPrefix);

    /// <summary>Merges a run's partials into the day's report.</summary>
    [LambdaHandler("digest-merge")]
    public Task<DigestSummary> DigestMerge(DigestMergeInput input, ILambdaContext context) =>
        new DigestRunner(store, settings, context.Logger.Info).MergeAsync(input, context.CancellationToken);
}
