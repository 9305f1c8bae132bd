namespace Flint.Local;

/// <summary>One invocation from the moment it is queued until its result is known. Mutable; guarded by its function's lock.</summary>
internal sealed class PendingInvocation
{
    public PendingInvocation(string requestId, byte[] payload, InvokeOptions options)
    {
        RequestId = requestId;
        Payload = payload;
        Options = options;
    }

    public string RequestId { get; }

    public byte[] Payload { get; }

    public InvokeOptions Options { get; }

    public TaskCompletionSource<InvocationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Logs { get; } = [];

    /// <summary>The process it was delivered to; null before delivery or when the runtime is external.</summary>
    public FunctionProcess? Process { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of delivery (0: not delivered).</summary>
    public long DeliveredAt { get; set; }

    /// <summary>Whether it was the first invocation its process served (Init ran just before).</summary>
    public bool Cold { get; set; }

    /// <summary>The runtime's <c>/response</c> was over the limit: the next <c>GET /next</c> ends it with an error.</summary>
    public bool ResponseTooLarge { get; set; }

    public Timer? TimeoutTimer { get; set; }
}
