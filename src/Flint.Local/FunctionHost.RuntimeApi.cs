using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Flint.Local;

/// <summary>The Runtime API as Lambda serves it (2018-06-01), for this function's runtime.</summary>
internal sealed partial class FunctionHost
{
    private const string ApiRoot = "/2018-06-01/runtime/";
    private const int ChunkedAbove = 2048; // Go's net/http buffers 2 KB, then switches to chunked

    private async Task HandleRuntimeApiAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var root = path.IndexOf(ApiRoot, StringComparison.Ordinal); // any prefix before it is accepted
        if (root < 0)
        {
            await RejectAsync(context, 404, "NotFound", $"Unknown path {path}").ConfigureAwait(false);
            return;
        }

        var route = path.AsSpan(root + ApiRoot.Length);
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (route.SequenceEqual("invocation/next"))
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                await RejectAsync(context, 405, "MethodNotAllowed", "Use GET for invocation/next").ConfigureAwait(false);
                return;
            }

            await NextAsync(context).ConfigureAwait(false);
        }
        else if (isPost && route.SequenceEqual("init/error"))
        {
            await InitErrorAsync(context).ConfigureAwait(false);
        }
        else if (isPost && route.StartsWith("invocation/") && route.EndsWith("/response"))
        {
            await ResultAsync(context, route["invocation/".Length..^"/response".Length].ToString(), isError: false).ConfigureAwait(false);
        }
        else if (isPost && route.StartsWith("invocation/") && route.EndsWith("/error"))
        {
            await ResultAsync(context, route["invocation/".Length..^"/error".Length].ToString(), isError: true).ConfigureAwait(false);
        }
        else
        {
            await RejectAsync(context, 404, "NotFound", $"Unknown Runtime API call {context.Request.Method} {path}").ConfigureAwait(false);
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        FunctionProcess? caller;
        var blocked = false;
        var stale = false;
        lock (gate)
        {
            caller = process;
            // A GET /next while none of our processes runs, or on a connection opened before the current one was
            // spawned, was sent by a process that has exited since (killed with the request in flight): answering it
            // would hand an event to a dead connection, and count it as the new process's.
            stale = Definition.BootstrapPath is not null
                && (caller is null || KestrelHost.AcceptedAt(context) is { } accepted && accepted < caller.SpawnedAt);
            if (!stale)
            {
                if (caller is { FirstNextAt: 0 })
                {
                    caller.FirstNextAt = Stopwatch.GetTimestamp(); // the end of Init
                }

                externalRuntimeReady = true;
                if (inFlight is { ResponseTooLarge: true } oversize)
                {
                    // The runtime moved on after its 413: the invocation ends with Lambda's size error.
                    var body = ErrorBodies.Error("Function.ResponseSizeTooLarge", $"Response payload size exceeded maximum allowed payload size ({ErrorBodies.MaxResponseBytes} bytes).");
                    CompleteLocked(oversize, body, "Unhandled", "error", "Function.ResponseSizeTooLarge");
                }

                blocked = inFlight is not null;
            }
        }

        if (stale)
        {
            context.Abort();
            return;
        }

        if (blocked)
        {
            await RejectAsync(context, 403, "InvalidStateTransition", "GET /next while an invocation is in flight: post its response or error first.").ConfigureAwait(false);
            return;
        }

        PendingInvocation invocation;
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            invocation = await queue.DequeueAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort(); // the runtime went away while waiting, or the emulator is stopping
            return;
        }

        DateTimeOffset deadline;
        bool handBack;
        lock (gate)
        {
            // Taken by a runtime that is gone or going (killed by a reset or a timeout): the next one gets it. Decided
            // and delivered under one lock, so nothing can change in between.
            handBack = context.RequestAborted.IsCancellationRequested || caller != process || caller is { KillRequested: true } || disposed;
            if (handBack)
            {
                queue.PushFront(invocation);
                deadline = default;
            }
            else
            {
                deadline = Deliver(invocation, caller);
            }
        }

        if (handBack)
        {
            context.Abort(); // no answer at all, not an empty 200
            EnsureProcess(); // the process may have exited, and found the queue empty, while this request held the invocation
            return;
        }

        WriteEventHead(context, invocation, deadline);
        await context.Response.Body.WriteAsync(invocation.Payload).ConfigureAwait(false);
        lock (gate)
        {
            // After the event is out, so the read is not in the invocation's timed window: kept, should the process die.
            caller?.ReadPeakRssKiB();
        }
    }

    /// <summary>Makes <paramref name="invocation"/> the one in flight on <paramref name="caller"/>. Caller holds the lock.</summary>
    private DateTimeOffset Deliver(PendingInvocation invocation, FunctionProcess? caller)
    {
        inFlight = invocation;
        invocation.Process = caller;
        invocation.DeliveredAt = Stopwatch.GetTimestamp();
        invocation.Cold = caller is { Delivered: false };
        if (caller is not null)
        {
            caller.Delivered = true;
            invocation.Logs.AddRange(caller.OrphanLines);
            caller.OrphanLines.Clear();
        }

        invocation.TimeoutTimer = new Timer(static state => ((Action)state!)(), (Action)(() => OnTimeout(invocation)), Definition.Timeout, Timeout.InfiniteTimeSpan);
        Platform(invocation, $"START RequestId: {invocation.RequestId} Version: $LATEST");
        return DateTimeOffset.UtcNow + Definition.Timeout;
    }

    private void WriteEventHead(HttpContext context, PendingInvocation invocation, DateTimeOffset deadline)
    {
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = Arn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.Options.TraceId ?? TraceIds.New();
        SetIfPresent(headers, "Lambda-Runtime-Client-Context", invocation.Options.ClientContext);
        SetIfPresent(headers, "Lambda-Runtime-Cognito-Identity", invocation.Options.CognitoIdentity);
        SetIfPresent(headers, "Lambda-Runtime-Aws-Tenant-Id", invocation.Options.TenantId);
        context.Response.ContentType = "application/json";
        if (invocation.Payload.Length <= ChunkedAbove)
        {
            context.Response.ContentLength = invocation.Payload.Length;
        }
    }

    private async Task ResultAsync(HttpContext context, string requestId, bool isError)
    {
        var body = await ReadBodyAsync(context.Request, ErrorBodies.MaxResponseBytes).ConfigureAwait(false);
        (int Status, string Type, string Message)? reject = null;
        lock (gate)
        {
            if (inFlight is not { } current || current.RequestId != requestId)
            {
                reject = finished.Contains(requestId)
                    ? (403, "InvalidStateTransition", $"Invocation {requestId} has already ended.")
                    : (400, "InvalidRequestID", $"No invocation {requestId} is in flight.");
            }
            else if (body is null)
            {
                current.ResponseTooLarge = true;
                reject = (413, "RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({ErrorBodies.MaxResponseBytes} bytes).");
            }
            else if (isError)
            {
                var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
                var payload = body.Length > 0 ? body : ErrorBodies.Error(errorType.Length > 0 ? errorType : "Runtime.Unknown", "");
                CompleteLocked(current, payload, "Unhandled");
            }
            else
            {
                CompleteLocked(current, body, functionError: null);
            }
        }

        await (reject is { } r ? RejectAsync(context, r.Status, r.Type, r.Message) : AcceptedAsync(context)).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, ErrorBodies.MaxResponseBytes).ConfigureAwait(false) ?? [];
        var accepted = false;
        lock (gate)
        {
            if (process is { FirstNextAt: 0 } initializing)
            {
                var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
                initializing.InitError = (body, errorType.Length > 0 ? errorType : null);
                accepted = true;
            }
            else if (Definition.BootstrapPath is null && !externalRuntimeReady)
            {
                // A runtime we did not spawn: its init failure fails the invocation waiting for it, if any.
                accepted = true;
                if (queue.TryDequeue() is { } head)
                {
                    CompleteLocked(head, body, "Unhandled", "error", context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() is { Length: > 0 } t ? t : "Runtime.Unknown");
                }
            }
        }

        await (accepted
            ? AcceptedAsync(context)
            : RejectAsync(context, 403, "InvalidStateTransition", "init/error is only valid during Init, before the first GET /next.")).ConfigureAwait(false);
    }

    private void OnTimeout(PendingInvocation invocation)
    {
        FunctionProcess? owner;
        lock (gate)
        {
            if (inFlight != invocation)
            {
                return;
            }

            owner = invocation.Process;
            var line = ErrorBodies.TimeoutLine(invocation.RequestId, Definition.Timeout);
            Platform(invocation, line); // as Lambda logs it, before END
            CompleteLocked(invocation, ErrorBodies.Timeout(line), "Unhandled", "timeout");
        }

        owner?.Kill(); // Lambda stops the sandbox; the next invocation is cold
    }

    private Task AcceptedAsync(HttpContext context)
    {
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        if (options.CloseConnectionAfterResponse)
        {
            context.Response.Headers.Connection = "close";
        }

        return context.Response.Body.WriteAsync("{\"status\":\"OK\"}"u8.ToArray()).AsTask();
    }

    private static Task RejectAsync(HttpContext context, int status, string errorType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(ErrorBodies.Error(errorType, message)).AsTask();
    }

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }

    /// <summary>Reads the whole body; null when it is longer than <paramref name="limit"/> (the rest is drained).</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            await request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)(request.ContentLength ?? 4096) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(8192)).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenCount > limit ? null : buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                await request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
                return null;
            }
        }
    }
}
