using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flint.Cli.Moto;

/// <summary>
/// moto_server on a free loopback port, spoken to as plain path-style S3 over HTTP (moto does not verify
/// signatures by default, so set-up needs no SDK): the demo's S3 and the digest cold starts' fixture. Disposing kills it.
/// </summary>
internal sealed class MotoS3 : IDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private MotoS3(Process process, Uri endpoint, RunCertificates? tls)
    {
        this.process = process;
        Endpoint = endpoint;
        var handler = new SocketsHttpHandler();
        if (tls is not null)
        {
            handler.SslOptions.CertificateChainPolicy = tls.TrustPolicy(); // the run's CA only
        }

        http = new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

        // moto answers anonymous GETs with 403 (no ACL grants them) but does not verify signatures: any SigV4-shaped header will do.
        http.DefaultRequestHeaders.TryAddWithoutValidation(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=demo/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0000");
    }

    /// <summary><c>http://127.0.0.1:port/</c>, or <c>https://</c> when it serves TLS.</summary>
    public Uri Endpoint { get; }

    /// <summary>The full path of <c>moto_server</c> on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "moto_server"))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts moto_server and waits (up to 60 s) until it answers.</summary>
    /// <param name="executable">moto_server's path.</param>
    /// <param name="tls">Serve HTTPS with this run's server certificate (moto's own SSL mode); null: plain HTTP.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<MotoS3> StartAsync(string executable, RunCertificates? tls, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] tlsArguments = tls is null ? [] : ["-s", "-c", tls.ServerCertificate, "-k", tls.ServerKey];
        foreach (var arg in (string[])["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. tlsArguments])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start moto_server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoS3(process, new Uri($"{(tls is null ? "http" : "https")}://127.0.0.1:{port}/"), tls);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await moto.http.GetAsync("/", cancellationToken);
                return moto;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(200, cancellationToken);
            }
            catch
            {
                moto.Dispose();
                throw new InvalidOperationException($"moto_server did not answer on {moto.Endpoint} (exited: {process.HasExited})");
            }
        }
    }

    public Task CreateBucketAsync(string bucket, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, bucket, null, cancellationToken);

    public Task PutObjectAsync(string bucket, string key, byte[] body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{bucket}/{key}", body, cancellationToken);

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public async Task<byte[]?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/{bucket}/{key}", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await EnsureOk(response).Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public void Dispose()
    {
        http.Dispose();
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
            // Already gone.
        }

        process.Dispose();
    }

    private async Task SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "/" + path) { Content = new ByteArrayContent(body ?? []) };
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureOk(response);
    }

    private static HttpResponseMessage EnsureOk(HttpResponseMessage response) =>
        response.IsSuccessStatusCode
            ? response
            : throw new InvalidOperationException($"moto S3 {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: HTTP {(int)response.StatusCode}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
