using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using Flint.Aws;

namespace Flint.Benchmarks;

/// <summary>
/// Init-phase costs that only a fresh process shows: each launch is a new (JIT) process that measures its one
/// call. Nothing in the process touches the AWS SDK or HttpClient before it (moto_server is started and checked
/// with raw sockets). These are JIT figures: in a Native AOT bootstrap the code is precompiled and the first
/// call costs less, but the shape (what the first request pays for) is the same.
/// </summary>
[Config(typeof(ColdStartConfig))]
[MemoryDiagnoser]
public class InitPhaseBenchmarks
{
    private const string Bucket = "flint-bench";
    private Moto? moto;
    private AwsEnvironment environment = new() { Region = "us-east-1" };
    private LambdaInvokeClient? lambda;
    private readonly byte[] payload = """{"task":"read","key":"2026/11/27/app.ndjson"}"""u8.ToArray();

    [GlobalSetup(Target = nameof(CreateAndPrimeS3Client))]
    public void StartMoto()
    {
        moto = Moto.Start();
        moto.CreateBucket(Bucket);
        environment = Local(moto.Endpoint);
    }

    [GlobalSetup(Target = nameof(CreateS3Client))]
    public void SetupCreate() => environment = Local(new Uri("http://127.0.0.1:9"));

    [GlobalSetup(Target = nameof(FirstSigV4Signing))]
    public void SetupSigning()
    {
        environment = Local(new Uri("http://127.0.0.1:9")) with { LambdaEndpoint = new Uri("http://127.0.0.1:9") };
        lambda = new LambdaInvokeClient(environment);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        lambda?.Dispose();
        moto?.Dispose();
    }

    /// <summary>S3ClientFactory.Create: config, credentials, client (no request).</summary>
    [Benchmark]
    public object CreateS3Client() => S3ClientFactory.Create(environment);

    /// <summary>Create + PrimeAsync (one ListObjectsV2 against moto_server): what a digest function's Init does.</summary>
    [Benchmark]
    public TimeSpan CreateAndPrimeS3Client()
    {
        using var s3 = S3ClientFactory.Create(environment);
        var primed = S3ClientFactory.PrimeAsync(s3, Bucket).GetAwaiter().GetResult();
        return primed.Error is null ? primed.Elapsed : throw new InvalidOperationException(primed.Error);
    }

    /// <summary>The first SigV4-signed Lambda Invoke request (AWSSDK.Core's AWS4Signer), client already made.</summary>
    [Benchmark]
    public int FirstSigV4Signing()
    {
        using var request = lambda!.CreateRequest("worker", payload, InvocationType.RequestResponse, qualifier: null);
        return request.Headers.Count();
    }

    private static AwsEnvironment Local(Uri endpoint) => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("bench", "bench"),
        S3Endpoint = endpoint,
    };
}
