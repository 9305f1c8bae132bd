using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BenchmarkDotNet.Attributes;
using Flint.Aws;
using Flint.Records;
using Flint.Functions.Digest;

namespace Flint.Benchmarks;

/// <summary>
/// S3 end to end against a local moto_server: GetObject + Flint's reader + digest aggregation, against the same
/// GetObject with its body drained unparsed (the baseline). For gzip objects the drained body stays compressed.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class S3EndToEndBenchmarks
{
    private const string Bucket = "flint-bench";
    private readonly byte[] buffer = new byte[64 * 1024];
    private Moto? moto;
    private AmazonS3Client? s3;
    private string key = "";

    [ParamsSource(nameof(Sizes))]
    public int SizeMB { get; set; }

    [Params(LogLayout.Ndjson, LogLayout.NdjsonGzip)]
    public LogLayout Layout { get; set; }

    public static IEnumerable<int> Sizes => BenchMode.SizesMB;

    [GlobalSetup]
    public void Setup()
    {
        moto = Moto.Start();
        moto.CreateBucket(Bucket);
        key = Layout == LogLayout.NdjsonGzip ? $"logs/{SizeMB}mb.ndjson.gz" : $"logs/{SizeMB}mb.ndjson";
        moto.Put(Bucket, key, AccessLogData.Stored(Layout, AccessLogData.Create(Layout, SizeMB * 1024 * 1024)));
        s3 = S3ClientFactory.Create(new AwsEnvironment
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("bench", "bench"),
            S3Endpoint = moto.Endpoint,
        });
        if (GetObjectDigest().GetAwaiter().GetResult() < 1000)
        {
            throw new InvalidOperationException("The digest of the uploaded object counted too few records.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        s3?.Dispose();
        moto?.Dispose();
    }

    /// <summary>GetObject, body read to the end and thrown away.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> GetObjectDrained()
    {
        using var response = await s3!.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }).ConfigureAwait(false);
        long total = 0;
        int read;
        while ((read = await response.ResponseStream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The typed read: S3RecordReader (GetObject, gzip by suffix), AccessLogRecord per line, DigestAggregate.Add.</summary>
    [Benchmark]
    public async Task<long> GetObjectDigest()
    {
        var aggregate = new DigestAggregate();
        await S3RecordReader.ReadAsync(s3!, Bucket, key, RecordFormat.Auto, DigestJsonContext.Default.AccessLogRecord, aggregate.Add).ConfigureAwait(false);
        return aggregate.Requests;
    }

    /// <summary>The digest function's read (S3LogStore): S3RecordReader's span overload into AccessLogSpanReader.</summary>
    [Benchmark]
    public async Task<long> GetObjectSpanDigest()
    {
        var aggregate = new DigestAggregate();
        await S3RecordReader.ReadAsync(s3!, Bucket, key, RecordFormat.Auto, json => AccessLogSpanReader.TryAdd(json, aggregate)).ConfigureAwait(false);
        return aggregate.Requests;
    }
}
