using Amazon.S3;
using Amazon.S3.Model;
using Flint.Aws;
using Flint.Records;
using Flint.Functions.Digest;

namespace Flint.Functions.Storage;

/// <summary><see cref="ILogStore"/> on S3: paginated listing, streamed record reads (gzip aware), small JSON puts.</summary>
internal sealed class S3LogStore(IAmazonS3 s3) : ILogStore
{
    /// <summary>The largest object the read task loads whole (Lambda's response limit is 6 MB anyway).</summary>
    private const int MaxGetBytes = 6 * 1024 * 1024;

    public async Task<IReadOnlyList<string>> ListKeysAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        try
        {
            do
            {
                var response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var entry in response.S3Objects ?? [])
                {
                    // Folder placeholders ("prefix/") hold no records.
                    if (!entry.Key.EndsWith('/'))
                    {
                        keys.Add(entry.Key);
                    }
                }

                request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
            }
            while (request.ContinuationToken is not null);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw MissingBucket(bucket, e);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async Task<ObjectReadResult> ReadIntoAsync(string bucket, string key, DigestAggregate aggregate, CancellationToken cancellationToken)
    {
        try
        {
            // Raw spans straight into the aggregate: no record object or string per line.
            var stats = await S3RecordReader.ReadAsync(
                s3, bucket, key, RecordFormat.Auto, json => AccessLogSpanReader.TryAdd(json, aggregate),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ObjectReadResult(stats.Records, stats.Malformed, stats.Error);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw MissingBucket(bucket, e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            throw new ObjectNotFoundException($"s3://{bucket}/{key} does not exist (it was listed, then removed?).", e);
        }
        catch (System.IO.InvalidDataException e)
        {
            // A .gz object that is not gzip: count it as one malformed object, not a failed day.
            return new ObjectReadResult(0, 0, $"not valid gzip: {e.Message}");
        }
    }

    public async Task<byte[]> GetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > MaxGetBytes)
            {
                throw new InvalidDataException($"s3://{bucket}/{key} is larger than {MaxGetBytes} bytes.");
            }

            using var copy = new MemoryStream((int)Math.Max(0, response.ContentLength));
            await response.ResponseStream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw MissingBucket(bucket, e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            throw new ObjectNotFoundException($"s3://{bucket}/{key} does not exist.", e);
        }
    }

    public async Task PutJsonAsync(string bucket, string key, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        try
        {
            using var body = new MemoryStream(json.ToArray(), writable: false);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, ContentType = "application/json" }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw MissingBucket(bucket, e);
        }
    }

    private static BucketNotFoundException MissingBucket(string bucket, Exception inner) =>
        new($"Bucket '{bucket}' does not exist (check SOURCE_BUCKET, REPORT_BUCKET and READ_BUCKET).", inner);
}
