using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Storage;
using Flint.Functions.Worker;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary>
/// <c>worker</c>: runs a task forwarded by <c>api</c>. It can always <c>read</c> (from <c>READ_BUCKET</c>, else
/// <c>SOURCE_BUCKET</c>); it can <c>digest</c> only when <c>SOURCE_BUCKET</c> is set, which is what its optional
/// <paramref name="digest"/> settings say.
/// </summary>
internal sealed partial class WorkerHandler(ILogStore store, DigestSettings? digest, string? readBucket, string? readPrefix)
{
    /// <summary>Creates the S3 client and warms it where this worker reads.</summary>
    [LambdaInit]
    public static async Task<WorkerHandler> CreateAsync(LambdaInitContext init)
    {
        var digest = init.Setting("SOURCE_BUCKET") is null
            ? null
            : DigestSettings.FromEnvironment(init.GetEnvironmentVariable);
        var readBucket = init.Setting("READ_BUCKET") ?? digest?.SourceBucket;
        var readPrefix = init.Setting("READ_PREFIX");
        var store = await S3Warmup.CreateStoreAsync(WarmupTarget(digest, readBucket, readPrefix), init.Logger).ConfigureAwait(false);
        return new WorkerHandler(store, digest, readBucket, readPrefix);
    }

    /// <summary>The source prefix when the worker digests (as the digest handlers warm up), else its read prefix, else nothing.</summary>
    internal static (string Bucket, string? Prefix)? WarmupTarget(DigestSettings? digest, string? readBucket, string? readPrefix) =>
        digest is not null ? DigestHandlers.WarmupTarget(digest)
        : readBucket is not null ? (readBucket, readPrefix)
        : null;

    /// <summary>Runs a task forwarded by <c>api</c>.</summary>
    [LambdaHandler("worker")]
    public Task<WorkerResult> Worker(TaskRequest? request, ILambdaContext context)
    {
        var runner = digest is null ? null : new DigestRunner(store, digest, context.Logger.Info);
        return new WorkerFunction(store, runner, readBucket, readPrefix, TimeProvider.System).HandleAsync(request, context.CancellationToken);
    }
}
