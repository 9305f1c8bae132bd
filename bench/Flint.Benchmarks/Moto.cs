using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Testing;

namespace Flint.Benchmarks;

/// <summary>
/// A <c>moto_server</c> on a free loopback port, checked and fed with raw HTTP/1.1 on a socket rather than
/// HttpClient, so that the cold-start suites' processes have not warmed System.Net.Http before measuring.
/// </summary>
internal sealed class Moto : IDisposable
{
    private readonly Process process;

    private Moto(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public static Moto Start()
    {
        var port = Ports.FreeLoopbackPort();
        var start = new ProcessStartInfo("moto_server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new Moto(process, port);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {process.ExitCode} before answering.");
            }

            try
            {
                moto.Request("GET", "/moto-api/", []);
                return moto;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>PUT /bucket (moto takes unsigned requests).</summary>
    public void CreateBucket(string bucket) => Expect2xx(Request("PUT", "/" + bucket, []), "create bucket " + bucket);

    /// <summary>PUT /bucket/key with the body.</summary>
    public void Put(string bucket, string key, ReadOnlySpan<byte> body) => Expect2xx(Request("PUT", $"/{bucket}/{key}", body), $"put {bucket}/{key}");

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>One request on its own connection (Connection: close); returns the status code.</summary>
    private int Request(string method, string path, ReadOnlySpan<byte> body)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, Port));
        var head = $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{Port}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        socket.Send(Encoding.ASCII.GetBytes(head));
        while (!body.IsEmpty)
        {
            body = body[socket.Send(body)..];
        }

        var response = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = socket.Receive(chunk)) > 0)
        {
            response.Write(chunk, 0, read);
        }

        var text = Encoding.ASCII.GetString(response.GetBuffer(), 0, (int)Math.Min(response.Length, 64));
        return text.Length >= 12 && text.StartsWith("HTTP/1.", StringComparison.Ordinal)
            ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"moto_server answered \"{text}\".");
    }

    private static void Expect2xx(int status, string what)
    {
        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"moto_server answered {status} to {what}.");
        }
    }
}
