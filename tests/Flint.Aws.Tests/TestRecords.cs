using System.Text;
using System.Text.Json.Serialization;

namespace Flint.Aws.Tests;

/// <summary>An access-log record like the digest's.</summary>
public sealed record AccessLog(DateTimeOffset Ts, string Method, string Path, int Status, double LatencyMs, long Bytes, string? User);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccessLog))]
internal sealed partial class TestJson : JsonSerializerContext;

/// <summary>Known records and their serializations in each layout.</summary>
internal static class Samples
{
    public static readonly AccessLog[] Logs =
    [
        new(DateTimeOffset.Parse("2026-11-27T00:00:01Z"), "GET", "/users/42", 200, 12.5, 512, "ana"),
        new(DateTimeOffset.Parse("2026-11-27T00:00:02Z"), "POST", "/tasks", 201, 40, 128, "bo"),
        new(DateTimeOffset.Parse("2026-11-27T00:00:03Z"), "GET", "/caf\u00e9/\u20ac", 404, 3.25, 0, null),
        new(DateTimeOffset.Parse("2026-11-27T00:00:04Z"), "DELETE", "/users/7", 500, 250, 64, "ana"),
        new(DateTimeOffset.Parse("2026-11-27T00:00:05Z"), "GET", "/health", 200, 0.5, 2, "\"quoted\" \\ user"),
    ];

    public static string Json(AccessLog log) => System.Text.Json.JsonSerializer.Serialize(log, TestJson.Default.AccessLog);

    public static string JsonLines => string.Join("\n", Logs.Select(Json)) + "\n";

    public static string JsonLinesCrlfBlankNoFinalNewline => "\r\n" + string.Join("\r\n\r\n", Logs.Select(Json));

    public static string Array => "[" + string.Join(",", Logs.Select(Json)) + "]";

    public static string PrettyArray => "[\n  " + string.Join(",\n  ", Logs.Select(Json)) + "\n]\n";

    public static string Records => "{\"Records\":[" + string.Join(",", Logs.Select(Json)) + "]}";

    public static string RecordsWithOtherProperties =>
        "{ \"Version\": 1, \"Meta\": {\"a\": [1, {\"Records\": []}]}, \"Records\" : [\n" + string.Join(",\n", Logs.Select(Json)) + "\n], \"Next\": null }";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A stream that returns at most <c>chunk</c> bytes per read, to split input at every boundary.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - position);
        data.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
