using System.Globalization;
using System.Text;
using Flint.Cli.Moto;

namespace Flint.Cli.ColdStarts;

/// <summary>
/// moto_server (<see cref="MotoS3"/>) holding a bucket with a generated day of NDJSON access logs, and the environment
/// that points the digest at it. Disposing kills it.
/// </summary>
internal sealed class S3Fixture : IAsyncDisposable
{
    public const string Bucket = "flint-coldstart";
    private const int Objects = 4;
    private const int RecordsPerObject = 250;
    private static readonly string[] Paths = ["/users/42/orders/7", "/items/1001", "/health", "/search?q=boots", "/cart/9", "/login"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly int[] Statuses = [200, 200, 200, 201, 204, 301, 304, 400, 404, 500];

    private readonly MotoS3 moto;

    private S3Fixture(MotoS3 moto) => this.moto = moto;

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Endpoint => moto.Endpoint;

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
        var executable = MotoS3.Find()
            ?? throw new ColdStartException("the digest runs against moto_server, which is not on PATH (install it with `pip install 'moto[server]'`)");
        MotoS3 moto;
        try
        {
            moto = await MotoS3.StartAsync(executable, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new ColdStartException(e.Message);
        }

        try
        {
            await moto.CreateBucketAsync(Bucket, cancellationToken);
            for (var i = 0; i < Objects; i++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"logs/{day:yyyy}/{day:MM}/{day:dd}/part-{i:D3}.ndjson");
                await moto.PutObjectAsync(Bucket, key, Ndjson(day, i), cancellationToken);
            }
        }
        catch (InvalidOperationException e)
        {
            moto.Dispose();
            throw new ColdStartException($"moto_server refused the set-up: {e.Message}");
        }
        catch
        {
            moto.Dispose();
            throw;
        }

        return new S3Fixture(moto);
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
        moto.Dispose();
        return ValueTask.CompletedTask;
    }
}
