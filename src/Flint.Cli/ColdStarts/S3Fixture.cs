using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Cli.ColdStarts;

/// <summary>
/// moto_server on a free loopback port holding a bucket with a generated day of NDJSON access logs, and the environment
/// that points the digest at it. Set-up speaks plain path-style S3 over HTTP (moto checks no signatures). Disposing kills it.
/// </summary>
internal sealed class S3Fixture : IAsyncDisposable
{
    public const string Bucket = "flint-coldstart";
    private const int Objects = 4;
    private const int RecordsPerObject = 250;
    private static readonly string[] Paths = ["/users/42/orders/7", "/items/1001", "/health", "/search?q=boots", "/cart/9", "/login"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly int[] Statuses = [200, 200, 200, 201, 204, 301, 304, 400, 404, 500];

    private readonly Process process;
    private readonly HttpClient http;

    private S3Fixture(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
        http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Records uploaded in total (the digest's <c>requests</c>).</summary>
    public static int Records => Objects * RecordsPerObject;

    /// <summary>The function environment: moto as the S3 endpoint, dummy credentials, no instance metadata lookups.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL_S3"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["SOURCE_BUCKET"] = Bucket,
        ["SOURCE_PREFIX"] = "logs/{yyyy}/{MM}/{dd}/",
        ["REPORT_BUCKET"] = Bucket,
    };

    /// <summary>Starts moto_server (waiting up to 60 s for it to answer), creates the bucket and uploads the day's logs.</summary>
    /// <exception cref="ColdStartException">moto_server is not on PATH, did not answer, or refused the set-up.</exception>
    public static async Task<S3Fixture> StartAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var executable = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "moto_server"))
            .FirstOrDefault(File.Exists)
            ?? throw new ColdStartException("the digest runs against moto_server, which is not on PATH (install it with `pip install 'moto[server]'`)");
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new ColdStartException($"could not start {executable}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var fixture = new S3Fixture(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await fixture.WaitUntilAnsweringAsync(cancellationToken);
            await fixture.PutAsync(Bucket, null, cancellationToken);
            for (var i = 0; i < Objects; i++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"logs/{day:yyyy}/{day:MM}/{day:dd}/part-{i:D3}.ndjson");
                await fixture.PutAsync($"{Bucket}/{key}", Ndjson(day, i), cancellationToken);
            }

            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>One object of the day: deterministic NDJSON records in the format of src/Flint.Functions/README.md.</summary>
    internal static byte[] Ndjson(DateOnly day, int part)
    {
        var random = new Random(part);
        var text = new StringBuilder();
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var i = 0; i < RecordsPerObject; i++)
        {
            var ts = midnight.AddMilliseconds(random.NextInt64(86_400_000));
            text.Append(CultureInfo.InvariantCulture, $"{{\"ts\":\"{ts:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"method\":\"{Methods[random.Next(Methods.Length)]}\",")
                .Append(CultureInfo.InvariantCulture, $"\"path\":\"{Paths[random.Next(Paths.Length)]}\",\"status\":{Statuses[random.Next(Statuses.Length)]},")
                .Append(CultureInfo.InvariantCulture, $"\"latencyMs\":{random.Next(1, 500_000) / 1000.0},\"bytes\":{random.Next(0, 65_536)},\"user\":\"user{random.Next(16):D2}\"}}")
                .Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or it will be reaped with us.
        }

        process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/", cancellationToken);
                return;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new ColdStartException($"moto_server did not answer on {Endpoint} (exited: {process.HasExited}): {e.Message}");
            }
        }
    }

    private async Task PutAsync(string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = body is null ? null : new ByteArrayContent(body) };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ColdStartException($"moto_server refused PUT /{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
