using Flint.Events;
using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Worker;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary>
/// The handlers of Flint's one bootstrap, picked by <c>_HANDLER</c> (default <c>digest</c>). Flint's source
/// generator turns them into the dispatch table and <c>Main</c>; <see cref="InitAsync"/> runs during Init.
/// </summary>
internal static partial class Handlers
{
    private static FunctionServices? services;

    private static FunctionServices Services => services ?? throw new InvalidOperationException("Init has not run.");

    /// <summary>Builds the clients and settings the selected handler needs (see <see cref="FunctionServices"/>).</summary>
    [LambdaInit]
    public static async Task InitAsync()
    {
        var handler = Environment.GetEnvironmentVariable("_HANDLER");
        handler = string.IsNullOrEmpty(handler) || handler == "bootstrap" ? "digest" : handler;
        services = await FunctionServices.CreateAsync(handler, Environment.GetEnvironmentVariable).ConfigureAwait(false);
    }

    /// <summary>Digests the previous UTC day (or <c>date</c>) in one invocation and writes the report.</summary>
    [LambdaHandler("digest", IsDefault = true)]
    public static Task<DigestSummary> Digest(DigestInput input, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Runner(context).DigestAsync(DigestDay.Resolve(input, DateTimeOffset.UtcNow), context.CancellationToken);
    }

    /// <summary>Names the day and the run (the request id), counts the day's objects and lists them as map items (unless <c>listItems</c> is false).</summary>
    [LambdaHandler("digest-plan")]
    public static Task<DigestPlan> DigestPlan(DigestInput input, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Runner(context).PlanAsync(
            DigestDay.Resolve(input, DateTimeOffset.UtcNow), context.AwsRequestId, input?.ListItems ?? true, context.CancellationToken);
    }

    /// <summary>Aggregates one object or a batch into a partial in S3.</summary>
    [LambdaHandler("digest-part")]
    public static Task<DigestPartResult> DigestPart(DigestPartInput input, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Runner(context).PartAsync(input, context.CancellationToken);
    }

    /// <summary>Merges a run's partials into the day's report.</summary>
    [LambdaHandler("digest-merge")]
    public static Task<DigestSummary> DigestMerge(DigestMergeInput input, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Runner(context).MergeAsync(input, context.CancellationToken);
    }

    /// <summary><c>POST /tasks</c> from API Gateway (HTTP API, payload 2.0).</summary>
    [LambdaHandler("api")]
    public static Task<ApiGatewayHttpResponse> Api(ApiGatewayHttpRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = Services;
        var api = new ApiFunction(s.Validator!, s.Invoker!, s.WorkerFunction!, context.Logger.Info);
        return api.HandleAsync(request, context.CancellationToken);
    }

    /// <summary>Runs a task forwarded by <c>api</c>.</summary>
    [LambdaHandler("worker")]
    public static Task<WorkerResult> Worker(TaskRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = Services;
        var runner = s.Digest is null ? null : new DigestRunner(s.Store!, s.Digest, context.Logger.Info);
        return new WorkerFunction(s.Store!, runner, s.ReadBucket, s.ReadPrefix, TimeProvider.System).HandleAsync(request, context.CancellationToken);
    }

    private static DigestRunner Runner(ILambdaContext context)
    {
        var s = Services;
        return new DigestRunner(s.Store!, s.Digest!, context.Logger.Info);
    }
}
