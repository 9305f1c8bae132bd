using System.Globalization;
using System.Text;
using Flint.Cli.Moto;

namespace Flint.Cli.ColdStarts;

/// <summary>
/// Two moto_servers (<see cref="MotoS3"/>) holding the same bucket — a generated day of NDJSON access logs and one
/// small JSON object for <c>worker</c>'s <c>read</c> — one over plain HTTP, one over TLS with a certificate from a CA
/// made for the run (<see cref="RunCertificates"/>), and the environments that point a function at either.
/// Disposing kills both.
/// </summary>
internal sealed class S3Fixture : IAsyncDisposable
{
    public const string Bucket = "flint-coldstart";

    /// <summary>The object <c>worker</c> reads, and the message it holds.</summary>
    public const string MessageKey = "messages/hello.json";
    public const string Message = "hello from S3";

    private const int Objects = 4;
    private const int RecordsPerObject = 250;
    private static readonly string[] Paths = ["/users/42/orders/7", "/items/1001", "/health", "/search?q=boots", "/cart/9", "/login"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly int[] Statuses = [200, 200, 200, 201, 204, 301, 304, 400, 404, 500];

    private readonly MotoS3 http;
    private readonly MotoS3 tls;
    private readonly RunCertificates certificates;

    private S3Fixture(MotoS3 http, MotoS3 tls, RunCertificates certificates)
    {
        this.http = http;
        this.tls = tls;
        this.certificates = certificates;
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Endpoint => http.Endpoint;

    /// <summary><c>https://127.0.0.1:port</c>.</summary>
    public Uri TlsEndpoint => tls.Endpoint;

    /// <summary>Records uploaded in total (the digest's <c>requests</c>).</summary>
    public static int Records => Objects * RecordsPerObject;

    /// <summary>
    /// The function environment: moto as the S3 endpoint (the TLS one, with the run's CA trusted through
    /// <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>, when <paramref name="overTls"/>), dummy credentials, no instance
    /// metadata lookups, the digest's buckets and the worker's read bucket.
    /// </summary>
    /// <param name="overTls">Point the function at the TLS endpoint.</param>
    /// <param name="awsRootsOnly">Over TLS, trust only AWS's roots (and the run's CA standing in for S3's), not the machine's bundle.</param>
    public IReadOnlyDictionary<string, string> Environment(bool overTls, bool awsRootsOnly = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = (overTls ? TlsEndpoint : Endpoint).ToString().TrimEnd('/'),
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["SOURCE_BUCKET"] = Bucket,
            ["SOURCE_PREFIX"] = "logs/{yyyy}/{MM}/{dd}/",
            ["REPORT_BUCKET"] = Bucket,
            ["READ_BUCKET"] = Bucket,
            ["READ_PREFIX"] = "messages/",
        };
        if (overTls)
        {
            foreach (var (name, value) in certificates.TrustEnvironment(awsRootsOnly))
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>Starts both moto_servers (waiting up to 60 s for each), creates the bucket and uploads the objects to each.</summary>
    /// <exception cref="ColdStartException">moto_server is not on PATH, did not answer, or refused the set-up.</exception>
    /// <param name="day">The day whose access logs are generated.</param>
    /// <param name="awsRoots">deploy/aws-roots.pem.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<S3Fixture> StartAsync(DateOnly day, string awsRoots, CancellationToken cancellationToken)
    {
        var executable = MotoS3.Find()
            ?? throw new ColdStartException("the S3 functions run against moto_server, which is not on PATH (install it with `pip install 'moto[server]'`)");
        RunCertificates certificates;
        try
        {
            certificates = RunCertificates.Create(awsRoots);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            throw new ColdStartException($"TLS fixture: {e.Message}");
        }

        var started = new List<MotoS3>();
        try
        {
            started.Add(await MotoS3.StartAsync(executable, tls: null, cancellationToken));
            started.Add(await MotoS3.StartAsync(executable, certificates, cancellationToken));
            foreach (var moto in started)
            {
                await moto.CreateBucketAsync(Bucket, cancellationToken);
                for (var i = 0; i < Objects; i++)
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"logs/{day:yyyy}/{day:MM}/{day:dd}/part-{i:D3}.ndjson");
                    await moto.PutObjectAsync(Bucket, key, Ndjson(day, i), cancellationToken);
                }

                await moto.PutObjectAsync(Bucket, MessageKey, Encoding.UTF8.GetBytes($"{{\"message\":\"{Message}\"}}"), cancellationToken);
            }

            return new S3Fixture(started[0], started[1], certificates);
        }
        catch (Exception e)
        {
            started.ForEach(m => m.Dispose());
            certificates.Dispose();
            cancellationToken.ThrowIfCancellationRequested(); // stopped, not broken
            throw e is InvalidOperationException or HttpRequestException ? new ColdStartException($"moto_server: {e.Message}") : e;
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

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        tls.Dispose();
        certificates.Dispose();
        return ValueTask.CompletedTask;
    }
}
