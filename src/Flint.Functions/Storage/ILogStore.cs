namespace Flint.Functions.Storage;

/// <summary>
/// The object storage the functions use (S3 in production, in memory in unit tests). Implementations
/// turn "no such bucket" into <see cref="BucketNotFoundException"/> and "no such key" into
/// <see cref="ObjectNotFoundException"/>, so errors name what is missing.
/// </summary>
internal interface ILogStore
{
    /// <summary>Every key under <paramref name="prefix"/>, in key order.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string bucket, string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the records of one object (NDJSON, JSON array or <c>Records</c>; gzip by suffix or encoding) into
    /// <paramref name="aggregate"/>; unparseable records are counted in the result, not added.
    /// </summary>
    Task<ObjectReadResult> ReadIntoAsync(string bucket, string key, Digest.DigestAggregate aggregate, CancellationToken cancellationToken);

    /// <summary>The whole object.</summary>
    Task<byte[]> GetAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Writes a JSON object.</summary>
    Task PutJsonAsync(string bucket, string key, ReadOnlyMemory<byte> json, CancellationToken cancellationToken);
}

/// <summary>What reading one object's records saw: records parsed, unparseable ones, and a structural error if reading stopped early.</summary>
internal readonly record struct ObjectReadResult(long Records, long Malformed, string? Error);

/// <summary>A bucket the function is configured to use does not exist (errorType <c>BucketNotFoundException</c>).</summary>
internal sealed class BucketNotFoundException : Exception
{
    public BucketNotFoundException(string message)
        : base(message)
    {
    }

    public BucketNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BucketNotFoundException()
    {
    }
}

/// <summary>An object named by the input does not exist (errorType <c>ObjectNotFoundException</c>).</summary>
internal sealed class ObjectNotFoundException : Exception
{
    public ObjectNotFoundException(string message)
        : base(message)
    {
    }

    public ObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ObjectNotFoundException()
    {
    }
}
