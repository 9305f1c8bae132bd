using Flint.Functions.Digest;
using Flint.Functions.Storage;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary>
/// <c>digest</c> (the default), <c>digest-plan</c> and <c>digest-part</c>: they read the day's logs from
/// <c>SOURCE_BUCKET</c>. Init builds their S3 client and settings, and only when one of them is the handler.
/// </summary>
internal sealed partial class DigestHandlers(ILogStore store, DigestSettings settings)
{
    /// <summary>Reads the digest settings, creates the S3 client and warms it on the source prefix.</summary>
    [LambdaInit]
    public static async Task<DigestHandlers> CreateAsync(LambdaInitContext init)
    {
        var settings = DigestSettings.FromEnvironment(init.GetEnvironmentVariable);
        return new DigestHandlers(await S3Warmup.CreateStoreAsync(WarmupTarget(settings), init.Logger).ConfigureAwait(false), settings);
    }

    /// <summary>The source bucket under the static part of <c>SOURCE_PREFIX</c>, which these handlers' role may list.</summary>
    internal static (string Bucket, string? Prefix) WarmupTarget(DigestSettings settings) =>
        (settings.SourceBucket, settings.SourcePrefix.StaticPrefix);

    /// <summary>Digests the previous UTC day (or <c>date</c>) in one invocation and writes the report.</summary>
    [LambdaHandler("digest", IsDefault = true)]
    public Task<DigestSummary> Digest(DigestInput input, ILambdaContext context) =>
        Runner(context).DigestAsync(DigestDay.Resolve(input, DateTimeOffset.UtcNow), context.CancellationToken);

    /// <summary>Names the day and the run (the request id), counts the day's objects and lists them as map items (unless <c>listItems</c> is false).</summary>
    [LambdaHandler("digest-plan")]
    public Task<DigestPlan> DigestPlan(DigestInput input, ILambdaContext context) =>
        Runner(context).PlanAsync(
            DigestDay.Resolve(input, DateTimeOffset.UtcNow), context.AwsRequestId, input?.ListItems ?? true, context.CancellationToken);

    /// <summary>Aggregates one object or a batch into a partial in S3.</summary>
    [LambdaHandler("digest-part")]
    public Task<DigestPartResult> DigestPart(DigestPartInput input, ILambdaContext context) =>
        Runner(context).PartAsync(input, context.CancellationToken);

    private DigestRunner Runner(ILambdaContext context) => new(store, settings, context.Logger.Info);
}
