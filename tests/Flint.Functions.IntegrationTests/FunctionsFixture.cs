using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement.Model;
using Flint.Aws;
using Flint.Local;
using Flint.Testing;

namespace Flint.Functions.IntegrationTests;

/// <summary>
/// moto_server with the buckets, a generated day of logs and the api secret in SSM; the published AOT bootstrap
/// registered in Flint.Local under every handler name (plus a digest pointed at a missing bucket).
/// </summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    public const string LogsBucket = "flint-logs";
    public const string ReportsBucket = "flint-reports";
    public const string SecretParameter = "/flint/test/api-secret";
    public const string Secret = "integration-secret-9f2c";
    public static readonly DateOnly Day = new(2026, 11, 27);
    public static readonly DateOnly EmptyDay = new(2026, 11, 20);

    private readonly MotoServer moto = new();

    public LambdaEmulator Lambda { get; private set; } = null!;

    public AmazonS3Client S3 { get; private set; } = null!;

    internal AccessLogDay Logs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var bootstrap = Bootstraps.Publish("src/Flint.Functions");
        await moto.InitializeAsync();
        var aws = new AwsEnvironment
        {
            Region = "us-east-1",
            Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            S3Endpoint = moto.Endpoint,
            SsmEndpoint = moto.Endpoint,
        };
        S3 = S3ClientFactory.Create(aws);
        await S3.PutBucketAsync(LogsBucket);
        await S3.PutBucketAsync(ReportsBucket);

        Logs = AccessLogDay.Generate(Day, seed: 42, recordsPerObject: 1200);
        foreach (var (key, body, encoding) in Logs.Objects)
        {
            var put = new PutObjectRequest { BucketName = LogsBucket, Key = key, InputStream = new MemoryStream(body) };
            if (encoding is not null)
            {
                put.Headers.ContentEncoding = encoding;
            }

            await S3.PutObjectAsync(put);
        }

        // Noise the day's prefix must not pick up, and a folder marker.
        await PutTextAsync(LogsBucket, "logs/2026/11/26/app-1.ndjson", Logs.Objects[0].Body);
        await PutTextAsync(LogsBucket, "logs/2026/11/28/app-1.ndjson", Logs.Objects[0].Body);
        await PutTextAsync(LogsBucket, Logs.Prefix, []);
        await PutTextAsync(LogsBucket, "messages/hello.json", """{"message":"hello from S3","from":"fixture"}"""u8.ToArray());
        await PutTextAsync(LogsBucket, "messages/no-message.json", """{"text":"no message here"}"""u8.ToArray());

        using (var ssm = SsmParameters.CreateClient(aws))
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = SecretParameter, Value = Secret, Type = "SecureString" });
        }

        Lambda = await LambdaEmulator.StartAsync();
        var common = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SSM"] = moto.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_LAMBDA"] = Lambda.BaseAddress.ToString(),
        };
        var digest = With(common, ("SOURCE_BUCKET", LogsBucket), ("REPORT_BUCKET", ReportsBucket), ("DIGEST_PARALLELISM", "3"));
        foreach (var handler in new[] { "digest", "digest-plan", "digest-part", "digest-merge" })
        {
            await AddAsync(handler, handler, bootstrap, digest);
        }

        await AddAsync("digest-missing-bucket", "digest", bootstrap, With(digest, ("SOURCE_BUCKET", "flint-no-such-bucket")));
        await AddAsync("worker", "worker", bootstrap, With(digest, ("READ_BUCKET", LogsBucket), ("READ_PREFIX", "messages/")));
        await AddAsync("api", "api", bootstrap, With(common,
            ("WORKER_FUNCTION", "worker"),
            ("API_SECRET_PARAMETER", SecretParameter),
            ("ALLOWED_USERS", "alice,bob"),
            ("ALLOWED_EMAIL_DOMAINS", "example.org"),
            ("ALLOWED_SOURCE_CIDRS", "203.0.113.0/24, 2001:db8::/32")));
    }

    public async Task<byte[]> GetObjectAsync(string bucket, string key)
    {
        using var response = await S3.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task DisposeAsync()
    {
        if (Lambda is not null)
        {
            await Lambda.DisposeAsync();
        }

        S3?.Dispose();
        moto.Dispose();
    }

    private Task AddAsync(string name, string handler, string bootstrap, Dictionary<string, string> environment) =>
        Lambda.AddFunctionAsync(new FunctionDefinition
        {
            Name = name,
            Handler = handler,
            BootstrapPath = bootstrap,
            MemoryMB = 512,
            Timeout = TimeSpan.FromSeconds(60),
            Environment = environment,
        });

    private Task PutTextAsync(string bucket, string key, byte[] body) =>
        S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body) });

    private static Dictionary<string, string> With(Dictionary<string, string> source, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(source);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionsCollection : ICollectionFixture<FunctionsFixture>
{
    public const string Name = "functions";
}
