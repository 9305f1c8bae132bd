namespace Flint.Runtime;

/// <summary>
/// The context of the invocation in progress. One instance serves every invocation (the loop re-arms it),
/// and the cancellation timer exists only if the handler asks for <see cref="CancellationToken"/>.
/// </summary>
internal sealed class LambdaContext : ILambdaContext
{
    // A deadline further out than this is nonsense; the timer is capped rather than failing.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);

    // The range of DateTimeOffset in Unix milliseconds (for Deadline), and a remaining time far beyond any Lambda timeout (~ 10 years).
    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
    private const long MaxRemainingMs = 10L * 366 * 24 * 3600 * 1000;

    private readonly RuntimeSettings settings;
    private readonly Lock gate = new();
    private Invocation invocation = null!;
    private CancellationTokenSource? cancellation;

    public LambdaContext(RuntimeSettings settings, ILambdaLogger logger)
    {
        this.settings = settings;
        Logger = logger;
    }

    public string AwsRequestId => invocation.RequestId;

    public DateTimeOffset Deadline => DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(invocation.DeadlineMs, MinUnixMs, MaxUnixMs));

    public TimeSpan RemainingTime => RemainingAt(invocation.DeadlineMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public CancellationToken CancellationToken
    {
        get
        {
            lock (gate)
            {
                if (cancellation is null)
                {
                    var remaining = RemainingTime;
                    cancellation = new CancellationTokenSource();
                    var delay = CancellationDelay(remaining);
                    if (delay <= TimeSpan.Zero)
                    {
                        cancellation.Cancel();
                    }
                    else
                    {
                        cancellation.CancelAfter(delay < MaxTimer ? delay : MaxTimer);
                    }
                }

                return cancellation.Token;
            }
        }
    }

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public string? TraceId => invocation.TraceId;

    public string? ClientContext => invocation.ClientContext;

    public string? CognitoIdentity => invocation.CognitoIdentity;

    public string? TenantId => invocation.TenantId;

    public string FunctionName => settings.FunctionName;

    public string FunctionVersion => settings.FunctionVersion;

    public int MemoryLimitInMB => settings.MemoryLimitInMB;

    public string LogGroupName => settings.LogGroupName;

    public string LogStreamName => settings.LogStreamName;

    public ILambdaLogger Logger { get; }

    /// <summary>Points the context at <paramref name="next"/>.</summary>
    public void Begin(Invocation next) => invocation = next;

    /// <summary>Ends the invocation: stops and releases the cancellation timer if one was made.</summary>
    public void End()
    {
        lock (gate)
        {
            cancellation?.Dispose();
            cancellation = null;
        }
    }

    /// <summary>
    /// The time left, never negative, and within what a <see cref="TimeSpan"/> holds: a deadline header far outside
    /// Lambda's 15 minutes (a broken or hostile API) must not make the context throw.
    /// </summary>
    internal static TimeSpan RemainingAt(long deadlineMs, long nowMs) =>
        deadlineMs <= nowMs ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(deadlineMs - nowMs, MaxRemainingMs));

    /// <summary>When the token fires, counted from now: the remaining time less a margin of min(500 ms, 10% of it).</summary>
    internal static TimeSpan CancellationDelay(TimeSpan remaining)
    {
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks, remaining.Ticks / 10));
        return remaining - margin;
    }
}
