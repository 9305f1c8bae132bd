using System.IO.Compression;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Flint.Testing;
using Flint.Records;
using Xunit;

namespace Flint.Aws.Tests;

/// <summary>Reads real objects from moto_server's S3 API.</summary>
public sealed class S3RecordReaderTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private AwsEnvironment Aws => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("test", "test"),
        S3Endpoint = moto.Endpoint,
    };

    private async Task<(AmazonS3Client S3, string Bucket)> BucketAsync()
    {
        var s3 = S3ClientFactory.Create(Aws);
        var bucket = "flint-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return (s3, bucket);
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static async Task<(List<AccessLog> Logs, RecordReadStats Stats)> ReadAsync(IAmazonS3 s3, string bucket, string key)
    {
        var logs = new List<AccessLog>();
        var stats = await S3RecordReader.ReadAsync(s3, bucket, key, RecordFormat.Auto, TestJson.Default.AccessLog, logs.Add,
            new RecordReaderOptions { BufferSize = 64 });
        return (logs, stats);
    }

    [Theory]
    [InlineData("logs/2026/11/27/app.ndjson", "ndjson", RecordFormat.JsonLines)]
    [InlineData("logs/2026/11/27/app.json", "array", RecordFormat.JsonArray)]
    [InlineData("AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/trail.json", "records", RecordFormat.RecordsObject)]
    [InlineData("logs/2026/11/27/app 1+caf\u00e9.jsonl", "ndjson", RecordFormat.JsonLines)]
    public async Task Objects_of_each_layout_are_read_whole(string key, string layout, RecordFormat expected)
    {
        var (s3, bucket) = await BucketAsync();
        var text = layout switch { "ndjson" => Samples.JsonLines, "array" => Samples.PrettyArray, _ => Samples.Records };
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text });

        var (logs, stats) = await ReadAsync(s3, bucket, key);

        Assert.Equal(expected, stats.Format);
        Assert.Equal(Samples.Logs, logs);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), stats.Bytes);
    }

    [Fact]
    public async Task Gzip_object_is_decompressed_by_its_gz_suffix()
    {
        var (s3, bucket) = await BucketAsync();
        var gz = Gzip(Samples.Records);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "trail.json.gz", InputStream = new MemoryStream(gz) });

        var (logs, stats) = await ReadAsync(s3, bucket, "trail.json.gz");

        Assert.Equal(RecordFormat.RecordsObject, stats.Format);
        Assert.Equal(Samples.Logs, logs);
        Assert.Equal(Encoding.UTF8.GetByteCount(Samples.Records), stats.Bytes);
    }

    [Fact]
    public async Task Gzip_object_is_decompressed_by_its_content_encoding()
    {
        var (s3, bucket) = await BucketAsync();
        var request = new PutObjectRequest { BucketName = bucket, Key = "app.ndjson", InputStream = new MemoryStream(Gzip(Samples.JsonLines)) };
        request.Headers.ContentEncoding = "gzip";
        await s3.PutObjectAsync(request);

        var (logs, stats) = await ReadAsync(s3, bucket, "app.ndjson");

        Assert.Equal(RecordFormat.JsonLines, stats.Format);
        Assert.Equal(Samples.Logs, logs);
    }

    [Fact]
    public async Task Malformed_lines_in_an_object_are_counted_not_thrown()
    {
        var (s3, bucket) = await BucketAsync();
        var text = Samples.Json(Samples.Logs[0]) + "\n{oops\n" + Samples.Json(Samples.Logs[1]) + "\n";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "bad.ndjson", ContentBody = text });

        var (logs, stats) = await ReadAsync(s3, bucket, "bad.ndjson");

        Assert.Equal(Samples.Logs[..2], logs);
        Assert.Equal(1, stats.Malformed);
        Assert.Equal(2, stats.Samples.Single().Line);
        Assert.Equal("{oops", stats.Samples[0].Snippet);
    }

    [Fact]
    public async Task Uploaded_bytes_come_back_unframed_from_a_non_aws_server()
    {
        // Checksums only when required: otherwise some servers keep the aws-chunked framing in the body.
        var (s3, bucket) = await BucketAsync();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "raw.ndjson", ContentBody = Samples.JsonLines });

        using var response = await s3.GetObjectAsync(bucket, "raw.ndjson");
        using var reader = new StreamReader(response.ResponseStream);

        Assert.Equal(Samples.JsonLines, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Missing_key_and_missing_bucket_fail_with_the_s3_error_code()
    {
        var (s3, bucket) = await BucketAsync();

        var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => ReadAsync(s3, bucket, "nope.ndjson"));
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => ReadAsync(s3, "no-such-bucket-flint", "a.ndjson"));

        Assert.Equal("NoSuchKey", noKey.ErrorCode);
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task Priming_lists_the_bucket_and_reports_a_missing_one_without_throwing()
    {
        var (s3, bucket) = await BucketAsync();

        var ok = await S3ClientFactory.PrimeAsync(s3, bucket, "logs/");
        var missing = await S3ClientFactory.PrimeAsync(s3, "no-such-bucket-flint");

        Assert.Null(ok.Error);
        Assert.True(ok.Elapsed > TimeSpan.Zero);
        Assert.StartsWith("NoSuchBucket", missing.Error, StringComparison.Ordinal);
    }
}
