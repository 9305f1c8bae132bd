namespace Flint.Functions.Digest;

/// <summary>
/// One access-log line: <c>{"ts":"2026-11-27T08:00:00Z","method":"GET","path":"/users/42","status":200,"latencyMs":12.5,"bytes":512,"user":"alice"}</c>.
/// </summary>
/// <remarks>
/// A record counts only when <see cref="IsValid"/>; lines that are not JSON, and records that fail it,
/// are counted as malformed.
/// </remarks>
internal sealed class AccessLogRecord
{
    /// <summary>When the request was received (ISO 8601, with offset or <c>Z</c>).</summary>
    public DateTimeOffset Ts { get; set; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; set; }

    /// <summary>The request path, possibly with a query string (ignored by the digest).</summary>
    public string? Path { get; set; }

    /// <summary>The response status, 100..599.</summary>
    public int Status { get; set; }

    /// <summary>Time to serve the request in milliseconds (fractions allowed), never negative.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Response bytes sent, never negative.</summary>
    public long Bytes { get; set; }

    /// <summary>Who made the request; absent or empty counts as <c>-</c>.</summary>
    public string? User { get; set; }

    /// <summary>True when every required field is present and in range.</summary>
    internal bool IsValid =>
        Ts != default
        && !string.IsNullOrEmpty(Method)
        && Path is { Length: > 0 } && Path[0] == '/'
        && Status is >= 100 and <= 599
        && double.IsFinite(LatencyMs) && LatencyMs >= 0
        && LatencyMs < LatencyHistogram.MaxMilliseconds
        && Bytes >= 0;
}
