using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace Flint.Runtime;

/// <summary>
/// Flint's Runtime API client: HTTP/1.1 over one kept-alive socket, no System.Net.Http. Request heads are
/// precomputed, the receive buffer is pooled and reused, and a connection the server dropped between
/// calls, or closed without answering, is re-opened once and the request sent again.
/// </summary>
internal sealed class SocketRuntimeApiClient : IRuntimeApiTransport
{
    // Bodies up to this size go out in the same send as the head (one packet with TCP_NODELAY).
    private const int CoalesceBodyBytes = 16 * 1024;

    private readonly RuntimeApiAddress address;
    private readonly RuntimeApiRequests requests;
    private readonly HttpResponseReader reader = new(RuntimeApiHeaders.Names());
    private readonly PooledBufferWriter head = new(1024);
    private readonly PooledBufferWriter errorBody = new(1024);
    private readonly PooledBufferWriter xrayCause = new(1024);
    private readonly bool useSystemSockets;
    private readonly Invocation invocation = new();
    private IRuntimeConnection? connection;

    /// <summary>Prepares the client for <paramref name="runtimeApi"/> (<c>host:port</c> or <c>host:port/prefix</c>); connects on the first call.</summary>
    /// <exception cref="FormatException"><paramref name="runtimeApi"/> is not <c>host:port[/prefix]</c>.</exception>
    public SocketRuntimeApiClient(string runtimeApi)
        : this(runtimeApi, useSystemSockets: false)
    {
    }

    /// <summary>Tests use <paramref name="useSystemSockets"/> to drive the <see cref="System.Net.Sockets.Socket"/> path on Linux as well.</summary>
    internal SocketRuntimeApiClient(string runtimeApi, bool useSystemSockets)
    {
        address = RuntimeApiAddress.Parse(runtimeApi);
        requests = new RuntimeApiRequests(address);
        this.useSystemSockets = useSystemSockets;
    }

    /// <summary>Sends <c>GET /next</c> and reads the event.</summary>
    /// <remarks>Returns the same instance every time, refilled: it is valid until the next call.</remarks>
    public Invocation Next()
    {
        try
        {
            Exchange(requests.Next, default, "GET /runtime/invocation/next");
        }
        catch (HttpProtocolException ex) when (reader.HeadComplete && IsUsableRequestId(reader.HeaderBytes(RuntimeApiHeaders.RequestId)))
        {
            throw new MalformedInvocationException(Unreadable(reader.HeaderBytes(RuntimeApiHeaders.RequestId)), ex.Message, ex);
        }
        catch (IOException ex) when (reader.HeadComplete && IsUsableRequestId(reader.HeaderBytes(RuntimeApiHeaders.RequestId)))
        {
            // A reset mid-body loses the event as surely as a clean close does: report it for its id, as that case is.
            throw new MalformedInvocationException(Unreadable(reader.HeaderBytes(RuntimeApiHeaders.RequestId)),
                $"Malformed Runtime API response: the connection failed while reading the event body: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (reader.StatusCode != 200)
        {
            throw new RuntimeApiException(reader.StatusCode, "GET /runtime/invocation/next", BodyText());
        }

        var requestId = reader.HeaderBytes(RuntimeApiHeaders.RequestId);
        if (!IsUsableRequestId(requestId))
        {
            throw new HttpProtocolException(!reader.HasHeader(RuntimeApiHeaders.RequestId)
                ? "GET /next answered without a Lambda-Runtime-Aws-Request-Id header."
                : $"GET /next answered with an unusable request id \"{reader.Header(RuntimeApiHeaders.RequestId)}\".");
        }

        // Parsed from the bytes: Lambda sends a new deadline with every event, a string would be garbage at once.
        var deadline = reader.HeaderBytes(RuntimeApiHeaders.DeadlineMs);
        if (!Utf8Parser.TryParse(deadline, out long deadlineMs, out var consumed) || consumed != deadline.Length)
        {
            throw new MalformedInvocationException(Unreadable(requestId),
                $"Malformed Runtime API response: Lambda-Runtime-Deadline-Ms is \"{reader.Header(RuntimeApiHeaders.DeadlineMs)}\", not a number.");
        }

        invocation.Refill(
            requestId,
            deadlineMs,
            reader.Header(RuntimeApiHeaders.InvokedFunctionArn) ?? "",
            reader.Header(RuntimeApiHeaders.TraceId),
            reader.Header(RuntimeApiHeaders.ClientContext),
            reader.Header(RuntimeApiHeaders.CognitoIdentity),
            reader.Header(RuntimeApiHeaders.TenantId),
            reader.Body);
        return invocation;
    }

    public void PostResponse(Invocation invocation, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        BeginInvocationPost(invocation);
        SendResponse(body);
    }

    public void PostError(Invocation invocation, LambdaError error)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(error);
        BeginInvocationPost(invocation);
        SendError(error);
    }

    public void PostInitError(LambdaError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        head.Reset();
        head.Write(requests.InitError);
        WriteErrorHeadersAndBody(error);
        SendAndExpectAccepted(errorBody.WrittenSpan, "POST /runtime/init/error");
    }

    public void Dispose()
    {
        Disconnect();
        reader.Dispose();
        head.Dispose();
        errorBody.Dispose();
        xrayCause.Dispose();
    }

    private void WriteErrorHeadersAndBody(LambdaError error)
    {
        head.Write(RuntimeApiRequests.ErrorTypeHeader);
        RuntimeApiRequests.WriteAscii(head, LambdaErrorJson.HeaderSafe(error.ErrorType));
        head.Write("\r\n"u8);
        xrayCause.Reset();
        LambdaErrorJson.WriteXRayCause(xrayCause, error, Environment.CurrentDirectory);
        if (xrayCause.WrittenCount <= LambdaErrorJson.MaxXRayCauseBytes)
        {
            head.Write(RuntimeApiRequests.XRayCauseHeader);
            head.Write(xrayCause.WrittenSpan);
            head.Write("\r\n"u8);
        }

        errorBody.Reset();
        LambdaErrorJson.WriteBody(errorBody, error);
        RuntimeApiRequests.WriteContentLength(head, errorBody.WrittenCount);
    }

    private void SendAndExpectAccepted(ReadOnlySpan<byte> body, string what)
    {
        if (body.Length <= CoalesceBodyBytes)
        {
            head.Write(body);
            Exchange(head.WrittenSpan, default, what);
        }
        else
        {
            Exchange(head.WrittenSpan, body, what);
        }

        if (reader.StatusCode is < 200 or > 299)
        {
            throw new RuntimeApiException(reader.StatusCode, what, BodyText());
        }
    }

    /// <summary>Sends one request and reads its response, re-opening a dropped kept-alive connection once.</summary>
    private void Exchange(ReadOnlySpan<byte> request, ReadOnlySpan<byte> body, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reused = connection is not null;
            var current = connection ??= SocketConnection.Open(address, useSystemSockets);
            try
            {
                current.Send(request);
                current.Send(body);
            }
            catch (SocketException ex) when (!current.HasPendingInput())
            {
                Disconnect();
                if (attempt == 0 && reused)
                {
                    continue;
                }

                throw new IOException($"Cannot send {what} to the Runtime API at {address.Authority}: {ex.Message}", ex);
            }
            catch (SocketException)
            {
                // The server answered (say, 413) and closed before taking the whole body: read that answer.
            }

            bool answered;
            try
            {
                answered = reader.Read(current);
            }
            catch (SocketException) when (attempt == 0 && reused && !reader.AnyByteReceived)
            {
                Disconnect();
                continue;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                Disconnect();
                throw ex is SocketException
                    ? new IOException($"The Runtime API connection failed while reading the answer to {what}: {ex.Message}", ex)
                    : ex;
            }

            if (!answered)
            {
                // Closed before a byte of the answer, on a kept-alive or a new connection alike: send it once more.
                Disconnect();
                if (attempt == 0)
                {
                    continue;
                }

                throw new IOException($"The Runtime API at {address.Authority} closed the connection without answering {what}.");
            }

            if (reader.ConnectionClose)
            {
                Disconnect(); // the body stays valid: it lives in the reader's buffer, not the socket
            }

            return;
        }
    }

    private void Disconnect()
    {
        connection?.Dispose();
        connection = null;
        reader.DiscardInput();
    }

    private string BodyText()
    {
        var body = reader.Body.Span;
        return Encoding.UTF8.GetString(body.Length > 512 ? body[..512] : body);
    }

    /// <summary>Starts <c>POST …/invocation/{id}/</c> from the id's bytes (no string made).</summary>
    private void BeginInvocationPost(Invocation invocation)
    {
        head.Reset();
        head.Write(requests.InvocationStart);
        head.Write(invocation.RequestIdAscii);
    }

    /// <summary>The reused invocation refilled with only the id of an answer that could not be read, to post its error.</summary>
    private Invocation Unreadable(ReadOnlySpan<byte> requestId)
    {
        invocation.Refill(requestId, 0, "", null, null, null, null, default);
        return invocation;
    }

    private void SendResponse(ReadOnlySpan<byte> body)
    {
        head.Write(requests.ResponseEnd);
        RuntimeApiRequests.WriteContentLength(head, body.Length);
        SendAndExpectAccepted(body, "POST /runtime/invocation/{id}/response");
    }

    private void SendError(LambdaError error)
    {
        head.Write(requests.ErrorEnd);
        WriteErrorHeadersAndBody(error);
        SendAndExpectAccepted(errorBody.WrittenSpan, "POST /runtime/invocation/{id}/error");
    }

    // Printable ASCII without the characters that would change the request path it is put into.
    private static bool IsUsableRequestId(ReadOnlySpan<byte> id) =>
        !id.IsEmpty && id.Length <= 256 && !id.ContainsAnyExceptInRange((byte)'!', (byte)'~') && id.IndexOfAny("/?#%"u8) < 0;
}
