using System.Diagnostics;
using System.Globalization;

namespace Flint.Local;

/// <summary>
/// One function: its Runtime API server (a port of its own, like Lambda's one API per sandbox), its queue of invocations,
/// and the process that serves them, spawned on demand and again after it exits. One invocation at a time.
/// </summary>
internal sealed partial class FunctionHost : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly InvocationQueue queue = new();
    private readonly HashSet<string> finished = new(StringComparer.Ordinal);
    private readonly EmulatorOptions options;
    private readonly Func<string> invokeEndpoint;
    private readonly Action<EmulatorLogLine> log;
    private readonly CancellationTokenSource stopping = new();
    private KestrelHost? server;
    private FunctionProcess? process;
    private PendingInvocation? inFlight;
    private bool disposed;
    private bool externalRuntimeReady;

    public FunctionHost(FunctionDefinition definition, EmulatorOptions options, Func<string> invokeEndpoint, Action<EmulatorLogLine> log)
    {
        Definition = definition;
        this.options = options;
        this.invokeEndpoint = invokeEndpoint;
        this.log = log;
        Arn = $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{definition.Name}";
    }

    public FunctionDefinition Definition { get; }

    public string Arn { get; }

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c> for this function.</summary>
    public string RuntimeApi => $"127.0.0.1:{server?.Port.ToString(CultureInfo.InvariantCulture) ?? "0"}{Definition.RuntimeApiPrefix?.TrimEnd('/')}";

    /// <summary>The process serving the function now, if any.</summary>
    public int? ProcessId
    {
        get
        {
            lock (gate)
            {
                return process?.Id;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        server = await KestrelHost.StartAsync(Definition.RuntimeApiPort, maxRequestBodySize: null, HandleRuntimeApiAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues an invocation (spawning the bootstrap if none runs) and returns the task of its result.</summary>
    public PendingInvocation Enqueue(byte[] payload, InvokeOptions invokeOptions)
    {
        var invocation = new PendingInvocation(Guid.NewGuid().ToString(), payload, invokeOptions);
        queue.Enqueue(invocation);
        EnsureProcess();
        return invocation;
    }

    /// <summary>Stops the current process (if any) and waits for it, so the next invocation is cold.</summary>
    public async Task ResetAsync()
    {
        FunctionProcess? current;
        lock (gate)
        {
            current = process;
        }

        if (current is not null)
        {
            current.Kill();
            await current.Exited.ConfigureAwait(false);
        }
    }

    private void EnsureProcess()
    {
        lock (gate)
        {
            // One process at a time: a dying one is replaced by OnExit, which calls here again.
            if (disposed || process is not null || Definition.BootstrapPath is null || queue.Count == 0)
            {
                return;
            }

            var bootstrap = Path.GetFullPath(Definition.BootstrapPath);
            var taskRoot = Path.GetDirectoryName(bootstrap)!;
            var (fileName, arguments) = SandboxEnvironment.Launcher(Definition, bootstrap);
            process = FunctionProcess.Start(fileName, arguments, taskRoot, SandboxEnvironment.Build(Definition, options, RuntimeApi, invokeEndpoint(), taskRoot), OnLine, OnExit);
        }
    }

    private void OnLine(FunctionProcess source, LogSource stream, string text)
    {
        string? requestId;
        lock (gate)
        {
            if (inFlight is { } current && current.Process == source)
            {
                current.Logs.Add(text);
                requestId = current.RequestId;
            }
            else
            {
                source.OrphanLines.Add(text);
                requestId = null;
            }
        }

        log(new EmulatorLogLine(Definition.Name, requestId, stream, text));
    }

    private void OnExit(FunctionProcess exited, int exitCode)
    {
        lock (gate)
        {
            if (process == exited)
            {
                process = null;
            }

            var reason = exitCode > 128 ? $"signal: {(exitCode == 137 ? "killed" : (exitCode - 128).ToString(CultureInfo.InvariantCulture))}" : $"exit status {exitCode}";
            if (!exited.KillRequested)
            {
                var serving = inFlight?.Process == exited ? inFlight : null;
                var prefix = serving is null ? "" : $"RequestId: {serving.RequestId} ";
                var text = $"{prefix}Error: Runtime exited with error: {reason}";
                if (serving is null)
                {
                    exited.OrphanLines.Add(text); // an Init failure: shown with the invocation that fails next
                }

                Platform(serving, text);
            }

            if (inFlight is { } current && current.Process == exited)
            {
                var body = ErrorBodies.Error("Runtime.ExitError", $"RequestId: {current.RequestId} Error: Runtime exited with error: {reason}");
                CompleteLocked(current, body, "Unhandled", "error", "Runtime.ExitError");
            }
            else if (exited.FirstNextAt == 0 && !exited.KillRequested && !disposed)
            {
                FailInitLocked(exited, reason);
            }
        }

        EnsureProcess();
    }

    /// <summary>The process ended before its first <c>GET /next</c>: the invocation that woke it fails with the init error.</summary>
    private void FailInitLocked(FunctionProcess exited, string reason)
    {
        var errorType = exited.InitError?.ErrorType ?? "Runtime.ExitError";
        var initMs = Stopwatch.GetElapsedTime(exited.SpawnedAt).TotalMilliseconds;
        Platform(null, FormattableString.Invariant($"INIT_REPORT Init Duration: {initMs:F2} ms\tPhase: init\tStatus: error\tError Type: {errorType}"));
        if (queue.TryDequeue() is not { } head)
        {
            return;
        }

        head.Process = exited;
        head.DeliveredAt = exited.SpawnedAt;
        head.Logs.AddRange(exited.OrphanLines);
        exited.OrphanLines.Clear();
        var body = exited.InitError?.Body is { Length: > 0 } posted
            ? posted
            : ErrorBodies.Error("Runtime.ExitError", $"RequestId: {head.RequestId} Error: Runtime exited with error: {reason}");
        CompleteLocked(head, body, "Unhandled", "error", errorType);
    }

    /// <summary>Ends an invocation: REPORT line, result. Caller holds the lock.</summary>
    private void CompleteLocked(PendingInvocation invocation, byte[] payload, string? functionError, string? status = null, string? errorType = null)
    {
        var now = Stopwatch.GetTimestamp();
        if (inFlight == invocation)
        {
            inFlight = null;
        }

        finished.Add(invocation.RequestId);
        invocation.TimeoutTimer?.Dispose();
        var owner = invocation.Process;
        var duration = Stopwatch.GetElapsedTime(invocation.DeliveredAt == 0 ? now : invocation.DeliveredAt, now);
        if (status == "timeout")
        {
            duration = Definition.Timeout; // Lambda reports and bills a timed-out invocation at its timeout, not the timer's jitter
        }

        TimeSpan? init = invocation.Cold && owner is not null ? Stopwatch.GetElapsedTime(owner.SpawnedAt, owner.FirstNextAt) : null;
        var rssKiB = owner?.ReadPeakRssKiB() ?? 0;
        var cpu = invocation.Cold ? owner?.ReadCpuTime() : null;
        var report = new InvocationReport
        {
            RequestId = invocation.RequestId,
            DurationMs = Math.Round(duration.TotalMilliseconds, 2),
            BilledDurationMs = (long)Math.Ceiling(duration.TotalMilliseconds + (init?.TotalMilliseconds ?? 0)),
            MemorySizeMB = Definition.MemoryMB,
            MaxMemoryUsedMB = (rssKiB + 1023) / 1024,
            InitDurationMs = init is { } i ? Math.Round(i.TotalMilliseconds, 2) : null,
            Status = status,
            ErrorType = errorType,
            SpawnToFirstNext = init,
            SpawnToResponse = invocation.Cold && owner is not null ? Stopwatch.GetElapsedTime(owner.SpawnedAt, now) : null,
            DeliveredToResponse = duration,
            MaxRssKiB = rssKiB,
            CpuToResponse = cpu,
            ProcessId = owner?.Id,
        };
        Platform(invocation, $"END RequestId: {invocation.RequestId}");
        Platform(invocation, report.ToLine());
        invocation.Completion.TrySetResult(new InvocationResult
        {
            RequestId = invocation.RequestId,
            StatusCode = 200,
            Payload = payload,
            FunctionError = functionError,
            Report = report,
            Logs = [.. invocation.Logs],
        });
    }

    private void Platform(PendingInvocation? invocation, string text)
    {
        invocation?.Logs.Add(text);
        log(new EmulatorLogLine(Definition.Name, invocation?.RequestId, LogSource.Platform, text));
    }

    public async ValueTask DisposeAsync()
    {
        FunctionProcess? current;
        lock (gate)
        {
            disposed = true;
            current = process;
        }

        while (queue.TryDequeue() is { } waiting)
        {
            waiting.Completion.TrySetException(new ObjectDisposedException(nameof(LambdaEmulator), $"The emulator stopped before {Definition.Name} ran invocation {waiting.RequestId}."));
        }

        lock (gate)
        {
            inFlight?.Completion.TrySetException(new ObjectDisposedException(nameof(LambdaEmulator), $"The emulator stopped during invocation {inFlight.RequestId}."));
            inFlight?.TimeoutTimer?.Dispose();
            inFlight = null;
        }

        if (current is not null)
        {
            current.Kill(); // first, so our own runtime never sees its GET /next cut off
            await current.Exited.ConfigureAwait(false);
        }

        await stopping.CancelAsync().ConfigureAwait(false); // releases runtimes (not ours) waiting in GET /next
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        stopping.Dispose();
    }
}
