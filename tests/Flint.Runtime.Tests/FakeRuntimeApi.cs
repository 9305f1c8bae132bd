using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Runtime.Tests;

/// <summary>An event the fake Runtime API hands out on <c>GET /next</c>.</summary>
internal sealed record FakeEvent(string RequestId, byte[] Body)
{
    public long DeadlineMs { get; init; } = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();

    public string? TraceId { get; init; }

    public string? ClientContext { get; init; }

    public string? CognitoIdentity { get; init; }

    public string? TenantId { get; init; }

    /// <summary>Send the body chunked (as Lambda's Go server does past ~2 KB) in pieces of this size; 0 means Content-Length.</summary>
    public int ChunkSize { get; init; }

    /// <summary>Replaces the whole raw answer (to serve broken framing); empty: close the connection without answering.</summary>
    public string? RawResponse { get; init; }

    /// <summary>After <see cref="RawResponse"/>, reset the connection (RST, SO_LINGER 0) instead of keeping it open.</summary>
    public bool ResetAfterRaw { get; init; }

    public static FakeEvent Json(string requestId, string json) => new(requestId, Encoding.UTF8.GetBytes(json));
}

/// <summary>A request the fake received.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A loopback Lambda Runtime API on a raw <see cref="TcpListener"/>: HTTP/1.1 keep-alive, one connection at a
/// time, events served in order, every request recorded. Can drop the connection after each answer and
/// answer 413 to responses over <see cref="MaxResponseBytes"/>.
/// </summary>
internal sealed class FakeRuntimeApi : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly BlockingCollection<FakeEvent> events = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly string prefix;
    private int connections;

    public FakeRuntimeApi(string prefix = "")
    {
        this.prefix = prefix;
        listener.Start();
        thread = new Thread(Serve) { IsBackground = true, Name = "fake-runtime-api" };
        thread.Start();
    }

    /// <summary>What <c>AWS_LAMBDA_RUNTIME_API</c> should say.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{prefix}";

    public bool CloseAfterEachAnswer { get; set; }

    private bool resetRequested;

    public int MaxResponseBytes { get; set; } = 6 * 1024 * 1024;

    public int Connections => Volatile.Read(ref connections);

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public IReadOnlyList<RecordedRequest> Posts => [.. requests.Where(r => r.Method == "POST")];

    public void Enqueue(params FakeEvent[] items)
    {
        foreach (var item in items)
        {
            events.Add(item);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        thread.Join();
        stop.Dispose();
        events.Dispose();
    }

    private void Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                Interlocked.Increment(ref connections);
                using var stream = new BufferedStream(client.GetStream());
                while (ServeOne(stream))
                {
                }

                if (resetRequested)
                {
                    resetRequested = false;
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Client.Close(0); // abortive: RST, not FIN
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (IOException)
            {
                // the client went away; wait for the next connection
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads one request and answers it; false when the connection should end.</summary>
    private bool ServeOne(BufferedStream stream)
    {
        var head = ReadHead(stream);
        if (head is null)
        {
            return false;
        }

        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        stream.ReadExactly(body);
        requests.Enqueue(new RecordedRequest(parts[0], parts[1], headers, body));

        var path = parts[1];
        if (parts[0] == "GET" && path == prefix + "/2018-06-01/runtime/invocation/next")
        {
            var next = events.Take(stop.Token);
            if (next.RawResponse is not null)
            {
                stream.Write(Encoding.ASCII.GetBytes(next.RawResponse));
                stream.Flush();
                if (next.ResetAfterRaw)
                {
                    resetRequested = true;
                    return false;
                }

                if (next.RawResponse.Length == 0)
                {
                    return false; // closed unanswered
                }
            }
            else
            {
                Write(stream, EventResponse(next), next.Body, next.ChunkSize);
            }
        }
        else if (parts[0] == "POST" && path.EndsWith("/response", StringComparison.Ordinal) && body.Length > MaxResponseBytes)
        {
            Write(stream, "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\n", """{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"""u8.ToArray(), 0);
        }
        else if (parts[0] == "POST" && path.StartsWith(prefix + "/2018-06-01/runtime/", StringComparison.Ordinal))
        {
            Write(stream, "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n", """{"status":"OK"}"""u8.ToArray(), 0);
        }
        else
        {
            Write(stream, "HTTP/1.1 404 Not Found\r\n", "unknown path"u8.ToArray(), 0);
        }

        return !CloseAfterEachAnswer;
    }

    private static string EventResponse(FakeEvent e)
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            .Append($"Lambda-Runtime-Aws-Request-Id: {e.RequestId}\r\n")
            .Append($"Lambda-Runtime-Deadline-Ms: {e.DeadlineMs}\r\n")
            .Append("Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:test\r\n");
        if (e.TraceId is not null)
        {
            head.Append($"Lambda-Runtime-Trace-Id: {e.TraceId}\r\n");
        }

        if (e.ClientContext is not null)
        {
            head.Append($"Lambda-Runtime-Client-Context: {e.ClientContext}\r\n");
        }

        if (e.CognitoIdentity is not null)
        {
            head.Append($"Lambda-Runtime-Cognito-Identity: {e.CognitoIdentity}\r\n");
        }

        if (e.TenantId is not null)
        {
            head.Append($"Lambda-Runtime-Aws-Tenant-Id: {e.TenantId}\r\n");
        }

        return head.ToString();
    }

    /// <summary>Writes the status line and headers given, then the body, framed by its length or chunked.</summary>
    private static void Write(Stream stream, string head, byte[] body, int chunkSize)
    {
        if (chunkSize <= 0)
        {
            stream.Write(Encoding.ASCII.GetBytes(head + $"Content-Length: {body.Length}\r\n\r\n"));
            stream.Write(body);
        }
        else
        {
            stream.Write(Encoding.ASCII.GetBytes(head + "Transfer-Encoding: chunked\r\n\r\n"));
            for (var offset = 0; offset < body.Length; offset += chunkSize)
            {
                var size = Math.Min(chunkSize, body.Length - offset);
                stream.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                stream.Write(body, offset, size);
                stream.Write("\r\n"u8);
            }

            stream.Write("0\r\n\r\n"u8);
        }

        stream.Flush();
    }

    private static string? ReadHead(Stream stream)
    {
        var head = new List<byte>(256);
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            head.Add((byte)b);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString([.. head]);
            }
        }
    }
}
