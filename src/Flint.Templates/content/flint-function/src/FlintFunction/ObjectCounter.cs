using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.S3;
using Flint.Aws;
using Flint.Records;
using Flint.Runtime;

namespace FlintFunction;

/// <summary>
/// Counts the JSON records of one S3 object (JSON Lines, a JSON array or <c>{"Records":[...]}</c>, gzip by the
/// <c>.gz</c> suffix): <c>{"bucket":"logs","key":"2026/11/27/app.ndjson.gz"}</c> gives <c>{"records":N,"malformed":M}</c>.
/// </summary>
public sealed partial class ObjectCounter(IAmazonS3 s3)
{
    /// <summary>Runs once at Init, only when <c>count</c> is the chosen handler: the S3 client is built here, not per invocation.</summary>
    [LambdaInit]
    public static ObjectCounter Create() => new(S3ClientFactory.Create(AwsEnvironment.FromEnvironment()));

    /// <summary>Reads the object record by record, never holding it whole.</summary>
    [LambdaHandler("count")]
    public async Task<ObjectCount> Count(ObjectLocation location, CancellationToken cancellationToken)
    {
        var stats = await S3RecordReader.ReadAsync(s3, location.Bucket, location.Key, RecordFormat.Auto, IsOneJsonValue, cancellationToken: cancellationToken);
        return stats.Error is null ? new ObjectCount(stats.Records, stats.Malformed) : throw new InvalidDataException(stats.Error);
    }

    /// <summary>A record is one JSON value; the reader counts one that throws <see cref="JsonException"/> as malformed.</summary>
    private static bool IsOneJsonValue(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        reader.Read();
        reader.Skip();
        return !reader.Read();
    }
}

/// <summary>The event of <c>count</c>.</summary>
public sealed record ObjectLocation(string Bucket, string Key);

/// <summary>The result of <c>count</c>.</summary>
public sealed record ObjectCount(long Records, long Malformed);

/// <summary>Source-generated JSON for the S3 handler's types.</summary>
[JsonSerializable(typeof(ObjectLocation))]
[JsonSerializable(typeof(ObjectCount))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ObjectCounterJson : JsonSerializerContext;
