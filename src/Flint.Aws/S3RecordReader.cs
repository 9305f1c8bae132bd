using System.Text.Json.Serialization.Metadata;
using Amazon.S3;
using Amazon.S3.Model;
using Flint.Records;

namespace Flint.Aws;

/// <summary>
/// Streams an S3 object's records through <see cref="RecordReader"/>: one <c>GetObject</c>, decompressed on the
/// fly when the key ends in <c>.gz</c> or the object has <c>Content-Encoding: gzip</c>, never held whole. The next
/// 128 KiB is downloaded while the current one is parsed (at most two chunks held).
/// </summary>
/// <example>
/// <code>
/// var stats = await S3RecordReader.ReadAsync(s3, "logs", "2026/11/27/app.ndjson.gz", RecordFormat.Auto,
///     Json.Default.AccessLog, digest.Add);
/// </code>
/// </example>
public static class S3RecordReader
{
    /// <summary>Reads the object's records, typed through <paramref name="typeInfo"/>.</summary>
    /// <param name="s3">The client (see <see cref="S3ClientFactory"/>).</param>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key (decoded, as S3 stores it).</param>
    /// <param name="format">The layout, or <see cref="RecordFormat.Auto"/>.</param>
    /// <param name="typeInfo">Source-generated metadata of the record type.</param>
    /// <param name="onRecord">Called once per record, in order.</param>
    /// <param name="options">Reader settings.</param>
    /// <param name="cancellationToken">Cancels the download and the read.</param>
    /// <exception cref="AmazonS3Exception">The bucket or key does not exist, or access is denied.</exception>
    public static async Task<RecordReadStats> ReadAsync<T>(
        IAmazonS3 s3, string bucket, string key, RecordFormat format, JsonTypeInfo<T> typeInfo, Action<T> onRecord,
        RecordReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var response = await GetAsync(s3, bucket, key, cancellationToken).ConfigureAwait(false);
        await using var body = Body(response, key);
        return await RecordReader.ReadAsync(body, format, typeInfo, onRecord, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the object's records as raw UTF-8 JSON, for allocation-free aggregation.</summary>
    /// <param name="s3">The client (see <see cref="S3ClientFactory"/>).</param>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key (decoded, as S3 stores it).</param>
    /// <param name="format">The layout, or <see cref="RecordFormat.Auto"/>.</param>
    /// <param name="options">Reader settings.</param>
    /// <param name="cancellationToken">Cancels the download and the read.</param>
    /// <param name="onRecord">Called once per record; the span is valid only during the call.</param>
    public static async Task<RecordReadStats> ReadAsync(
        IAmazonS3 s3, string bucket, string key, RecordFormat format, RecordSpanHandler onRecord,
        RecordReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var response = await GetAsync(s3, bucket, key, cancellationToken).ConfigureAwait(false);
        await using var body = Body(response, key);
        return await RecordReader.ReadAsync(body, format, onRecord, options, cancellationToken).ConfigureAwait(false);
    }

    private static Task<GetObjectResponse> GetAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
    }

    // Read ahead of the parser: the next chunk downloads (and inflates) on the thread pool while this one parses.
    private static Stream Body(GetObjectResponse response, string key) =>
        RecordStream.Open(response.ResponseStream, RecordStream.IsGzip(key, response.Headers.ContentEncoding));
}
