using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>An S3 event notification: one or more object events.</summary>
public sealed record S3Event
{
    /// <summary>The object events in this notification.</summary>
    [JsonPropertyName("Records")]
    public IReadOnlyList<S3EventRecord>? Records { get; init; }
}

/// <summary>One object event, e.g. <c>ObjectCreated:Put</c>.</summary>
public sealed record S3EventRecord
{
    /// <summary>Record format version, e.g. <c>2.1</c>.</summary>
    public string? EventVersion { get; init; }

    /// <summary><c>aws:s3</c>.</summary>
    public string? EventSource { get; init; }

    /// <summary>The bucket's region.</summary>
    public string? AwsRegion { get; init; }

    /// <summary>When S3 finished the request that caused the event.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>e.g. <c>ObjectCreated:Put</c>, <c>ObjectRemoved:Delete</c>.</summary>
    public string? EventName { get; init; }

    /// <summary>Who caused the event.</summary>
    public S3UserIdentity? UserIdentity { get; init; }

    /// <summary>Request details (the caller's IP address).</summary>
    public S3RequestParameters? RequestParameters { get; init; }

    /// <summary>S3's request ids (<c>x-amz-request-id</c>, <c>x-amz-id-2</c>).</summary>
    public IReadOnlyDictionary<string, string>? ResponseElements { get; init; }

    /// <summary>The bucket and object.</summary>
    public S3Entity? S3 { get; init; }
}

/// <summary>A principal id.</summary>
public sealed record S3UserIdentity
{
    /// <summary>The principal's id.</summary>
    public string? PrincipalId { get; init; }
}

/// <summary>The <c>requestParameters</c> of an S3 event.</summary>
public sealed record S3RequestParameters
{
    /// <summary>The caller's IP address.</summary>
    [JsonPropertyName("sourceIPAddress")]
    public string? SourceIpAddress { get; init; }
}

/// <summary>The <c>s3</c> block: which bucket and which object.</summary>
public sealed record S3Entity
{
    /// <summary>Schema version, <c>1.0</c>.</summary>
    public string? S3SchemaVersion { get; init; }

    /// <summary>The notification configuration's id.</summary>
    public string? ConfigurationId { get; init; }

    /// <summary>The bucket.</summary>
    public S3BucketEntity? Bucket { get; init; }

    /// <summary>The object.</summary>
    [JsonPropertyName("object")]
    public S3ObjectEntity? Object { get; init; }
}

/// <summary>The bucket of an S3 event.</summary>
public sealed record S3BucketEntity
{
    /// <summary>Bucket name.</summary>
    public string? Name { get; init; }

    /// <summary>The bucket owner.</summary>
    public S3UserIdentity? OwnerIdentity { get; init; }

    /// <summary>Bucket ARN.</summary>
    public string? Arn { get; init; }
}

/// <summary>The object of an S3 event.</summary>
public sealed record S3ObjectEntity
{
    /// <summary>
    /// The key exactly as S3 sends it: URL-encoded, with spaces as <c>+</c>.
    /// Use <see cref="DecodedKey"/> to call S3.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The real object key: <see cref="Key"/> with <c>+</c> as space and <c>%xx</c> decoded as UTF-8.</summary>
    [JsonIgnore]
    public string? DecodedKey => Key is null ? null : S3KeyDecoder.Decode(Key);

    /// <summary>Object size in bytes (absent for deletes).</summary>
    public long? Size { get; init; }

    /// <summary>The object's ETag.</summary>
    [JsonPropertyName("eTag")]
    public string? ETag { get; init; }

    /// <summary>The version id when the bucket is versioned.</summary>
    public string? VersionId { get; init; }

    /// <summary>Orders events for the same key.</summary>
    public string? Sequencer { get; init; }
}
