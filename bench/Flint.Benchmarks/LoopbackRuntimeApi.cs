using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Benchmarks;

/// <summary>
/// A deliberately cheap Runtime API on loopback: blocking sockets, a thread per connection, precomputed answers.
/// <c>GET .../next</c> gets one fixed event (Content-Length framed); any <c>POST</c> gets 202. With
/// <c>eventsPerConnection</c> set, further GETs on that connection are held until the client goes away, as
/// Lambda holds <c>/next</c> while no event waits.
/// </summary>
internal sealed class LoopbackRuntimeApi : IDisposable
{
    public const string RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";

    private static readonly byte[] Accepted = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n"u8.ToArray();

    private readonly Socket listener;
    private readonly int eventsPerConnection;
    private readonly SemaphoreSlim responses = new(0);
    private volatile bool disposed;

    public LoopbackRuntimeApi(ReadOnlySpan<byte> payload, int eventsPerConnection = -1, bool traceHeader = true)
    {
        this.eventsPerConnection = eventsPerConnection;
        NextResponse = BuildNextResponse(payload, traceHeader);
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        new Thread(AcceptLoop) { IsBackground = true, Name = "loopback-runtime-api" }.Start();
    }

    public int Port { get; }

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The exact bytes answering <c>GET /next</c>.</summary>
    public byte[] NextResponse { get; }

    /// <summary>The exact bytes answering a <c>POST</c>.</summary>
    public static ReadOnlySpan<byte> AcceptedResponse => Accepted;

    /// <summary>Waits for the next <c>POST</c> (a response or error) to arrive.</summary>
    public bool WaitForPost(TimeSpan timeout) => responses.Wait(timeout);

    public void Dispose()
    {
        disposed = true;
        listener.Dispose();
    }

    private static byte[] BuildNextResponse(ReadOnlySpan<byte> payload, bool traceHeader)
    {
        var deadline = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeMilliseconds();
        var head = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json\r\n"
            + $"Lambda-Runtime-Aws-Request-Id: {RequestId}\r\n"
            + $"Lambda-Runtime-Deadline-Ms: {deadline.ToString(CultureInfo.InvariantCulture)}\r\n"
            + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:bench\r\n"
            + (traceHeader ? "Lambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n" : "")
            + $"Content-Length: {payload.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. payload];
    }

    private void AcceptLoop()
    {
        while (!disposed)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            new Thread(() => Serve(client)) { IsBackground = true, Name = "loopback-runtime-api-connection" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        using (client)
        {
            var buffer = new byte[64 * 1024];
            var next = (byte[])NextResponse.Clone(); // this connection's copy, renumbered per event
            int start = 0, end = 0, events = 0;
            try
            {
                while (!disposed)
                {
                    // The head: up to the blank line.
                    int headEnd;
                    while ((headEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        if (start > 0)
                        {
                            buffer.AsSpan(start, end - start).CopyTo(buffer);
                            end -= start;
                            start = 0;
                        }

                        var read = client.Receive(buffer.AsSpan(end));
                        if (read == 0)
                        {
                            return;
                        }

                        end += read;
                    }

                    var head = buffer.AsSpan(start, headEnd);
                    var isGet = head.StartsWith("GET "u8);
                    var remaining = ContentLength(head);
                    start += headEnd + 4;

                    // The body, discarded.
                    while (remaining > 0)
                    {
                        if (start == end)
                        {
                            start = end = 0;
                            var read = client.Receive(buffer);
                            if (read == 0)
                            {
                                return;
                            }

                            end = read;
                        }

                        var take = Math.Min(remaining, end - start);
                        start += take;
                        remaining -= take;
                    }

                    if (start == end)
                    {
                        start = end = 0;
                    }

                    if (!isGet)
                    {
                        client.Send(Accepted);
                        responses.Release();
                    }
                    else if (eventsPerConnection < 0 || events < eventsPerConnection)
                    {
                        Renumber(next, ++events);
                        client.Send(next);
                    }
                    else
                    {
                        // No more events: hold /next until the client leaves.
                        while (client.Receive(buffer) > 0)
                        {
                        }

                        return;
                    }
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>
    /// Gives each event its own request id, deadline and trace id, as Lambda does (a client that reuses a repeated
    /// header string must not look cheaper here than it is there): the last 8 digits of each become the event number.
    /// </summary>
    private static void Renumber(byte[] response, int number)
    {
        Span<byte> digits = stackalloc byte[8];
        System.Buffers.Text.Utf8Formatter.TryFormat((uint)number, digits, out _, new System.Buffers.StandardFormat('x', 8));
        Stamp(response, "Lambda-Runtime-Aws-Request-Id: "u8, digits);
        Stamp(response, "Parent="u8, digits);
        System.Buffers.Text.Utf8Formatter.TryFormat((uint)number % 100_000_000, digits, out _, new System.Buffers.StandardFormat('D', 8));
        Stamp(response, "Lambda-Runtime-Deadline-Ms: "u8, digits);
    }

    private static void Stamp(byte[] response, ReadOnlySpan<byte> marker, ReadOnlySpan<byte> digits)
    {
        var found = response.AsSpan().IndexOf(marker);
        if (found < 0)
        {
            return; // a header this server was built without
        }

        var at = found + marker.Length;
        var valueEnd = at + response.AsSpan(at).IndexOfAny((byte)'\r', (byte)';');
        digits.CopyTo(response.AsSpan(valueEnd - 8));
    }

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > 15 && System.Text.Ascii.EqualsIgnoreCase(line[..15], "Content-Length:"u8))
            {
                // Parsed from the bytes: the server allocates nothing per request (in-process runs count every thread).
                return System.Buffers.Text.Utf8Parser.TryParse(line[15..].Trim(" \t"u8), out int length, out _) ? length : 0;
            }
        }

        return 0;
    }
}
