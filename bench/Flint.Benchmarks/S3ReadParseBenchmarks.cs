using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Flint.Aws;
using Flint.Records;
using Flint.Functions.Digest;

namespace Flint.Benchmarks;

/// <summary>
/// S3 read/parse, in process: one generated access-log object (from memory, so only parsing is measured) read
/// five ways. <see cref="RawTokenScan"/> is the baseline, so Ratio is time relative to the ceiling.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class S3ReadParseBenchmarks
{
    private static readonly RecordSpanHandler CountOnly = static _ => true;

    private byte[] stored = [];
    private byte[] buffer = new byte[64 * 1024];

    /// <summary>Object size in MiB of JSON (before compression).</summary>
    [ParamsSource(nameof(Sizes))]
    public int SizeMB { get; set; }

    [ParamsSource(nameof(Layouts))]
    public LogLayout Layout { get; set; }

    public static IEnumerable<int> Sizes => BenchMode.SizesMB;

    public static IEnumerable<LogLayout> Layouts => BenchMode.Layouts;

    [GlobalSetup]
    public void Setup()
    {
        stored = AccessLogData.Stored(Layout, AccessLogData.Create(Layout, SizeMB * 1024 * 1024));
        var digest = FlintDigest();
        if (digest < 1000)
        {
            throw new InvalidOperationException($"Expected thousands of records, the digest counted {digest}.");
        }

        CheckSpanDigestAgrees();
    }

    /// <summary>Just the bytes: read (and for gzip, decompress) the object, parse nothing.</summary>
    [Benchmark]
    public long ReadBytes()
    {
        using var stream = Open();
        return TokenScan.Drain(stream, buffer);
    }

    /// <summary>The ceiling: a streaming Utf8JsonReader counting tokens.</summary>
    [Benchmark(Baseline = true)]
    public long RawTokenScan()
    {
        using var stream = Open();
        return TokenScan.Count(stream, ref buffer);
    }

    /// <summary>Flint's RecordReader framing records, each handed on as a span and not parsed.</summary>
    [Benchmark]
    public long FlintFraming()
    {
        using var stream = Open();
        return RecordReader.ReadAsync(stream, RecordFormat.Auto, CountOnly).GetAwaiter().GetResult().Records;
    }

    /// <summary>
    /// The floor of any per-record parser: Flint's framing plus a fresh Utf8JsonReader reading every token of each
    /// record (no values decoded, nothing aggregated).
    /// </summary>
    [Benchmark]
    public long FlintFramingTokenScan()
    {
        using var stream = Open();
        long tokens = 0;
        RecordReader.ReadAsync(stream, RecordFormat.Auto, json =>
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                tokens++;
            }

            return true;
        }).GetAwaiter().GetResult();
        return tokens;
    }

    /// <summary>What the digest function does: Flint's RecordReader, typed AccessLogRecord, DigestAggregate.Add.</summary>
    [Benchmark]
    public long FlintDigest()
    {
        using var stream = Open();
        var aggregate = new DigestAggregate();
        RecordReader.ReadAsync(stream, RecordFormat.Auto, DigestJsonContext.Default.AccessLogRecord, aggregate.Add).GetAwaiter().GetResult();
        return aggregate.Requests;
    }

    /// <summary>
    /// The digest function's span path (S3LogStore): RecordReader's span overload into <c>AccessLogSpanReader.TryAdd</c>,
    /// which fills the same DigestAggregate without a record object; property names matched on bytes, paths and
    /// users counted by their UTF-8 bytes, <c>ts</c> shape-checked, latency read as integer microseconds.
    /// </summary>
    [Benchmark]
    public long FunctionSpanDigest()
    {
        using var stream = Open();
        var aggregate = new DigestAggregate();
        RecordReader.ReadAsync(stream, RecordFormat.Auto, json => AccessLogSpanReader.TryAdd(json, aggregate)).GetAwaiter().GetResult();
        return aggregate.Requests;
    }

    /// <summary>
    /// What would close the gap: Flint's RecordReader span overload with <see cref="SpanDigest"/>, the same totals
    /// without a record object or per-record strings (a sketch in this project, not yet the function's code).
    /// </summary>
    [Benchmark]
    public long FlintSpanDigest()
    {
        using var stream = Open();
        var digest = new SpanDigest();
        RecordReader.ReadAsync(stream, RecordFormat.Auto, digest.Add).GetAwaiter().GetResult();
        return digest.Requests;
    }

    /// <summary>
    /// The plain way with the same aggregation: NDJSON line by line (StreamReader + JsonSerializer.Deserialize per
    /// line), arrays with DeserializeAsyncEnumerable, a Records object deserialized whole.
    /// </summary>
    [Benchmark]
    public long PlainDeserialize()
    {
        using var stream = Open();
        var aggregate = new DigestAggregate();
        switch (Layout)
        {
            case LogLayout.JsonArray:
                foreach (var record in JsonSerializer.DeserializeAsyncEnumerable(stream, DigestJsonContext.Default.AccessLogRecord).ToBlockingEnumerable())
                {
                    aggregate.Add(record!);
                }

                break;
            case LogLayout.Records:
                foreach (var record in JsonSerializer.Deserialize(stream, DigestJsonContext.Default.RecordsObject)!.Records!)
                {
                    aggregate.Add(record);
                }

                break;
            default:
                using (var reader = new StreamReader(stream))
                {
                    while (reader.ReadLine() is { } line)
                    {
                        if (line.Length > 0 && JsonSerializer.Deserialize(line, DigestJsonContext.Default.AccessLogRecord) is { } record)
                        {
                            aggregate.Add(record);
                        }
                    }
                }

                break;
        }

        return aggregate.Requests;
    }

    private void CheckSpanDigestAgrees()
    {
        var typed = new DigestAggregate();
        using (var stream = Open())
        {
            RecordReader.ReadAsync(stream, RecordFormat.Auto, DigestJsonContext.Default.AccessLogRecord, typed.Add).GetAwaiter().GetResult();
        }

        var span = new SpanDigest();
        using (var stream = Open())
        {
            RecordReader.ReadAsync(stream, RecordFormat.Auto, span.Add).GetAwaiter().GetResult();
        }

        var same = typed.Requests == span.Requests && typed.Malformed == span.Malformed && typed.Bytes == span.Bytes
            && typed.Latency.SumMicros == span.Latency.SumMicros && typed.Paths.Count == span.Paths.Count && typed.Users.Count == span.Users.Count
            && typed.Paths.All(p => span.Paths.TryGetValue(p.Key, out var n) && n == p.Value);
        if (!same)
        {
            throw new InvalidOperationException(
                $"SpanDigest disagrees with DigestAggregate: requests {span.Requests}/{typed.Requests}, paths {span.Paths.Count}/{typed.Paths.Count}.");
        }

        // The function's own span path must give the typed path's totals exactly (every count, every bucket).
        var function = new DigestAggregate();
        using (var stream = Open())
        {
            RecordReader.ReadAsync(stream, RecordFormat.Auto, json => AccessLogSpanReader.TryAdd(json, function)).GetAwaiter().GetResult();
        }

        if (!SameTotals(typed, function))
        {
            throw new InvalidOperationException(
                $"AccessLogSpanReader disagrees with the typed path: requests {function.Requests}/{typed.Requests}, paths {function.Paths.Count}/{typed.Paths.Count}.");
        }
    }

    private static bool SameTotals(DigestAggregate a, DigestAggregate b) =>
        a.Requests == b.Requests && a.Malformed == b.Malformed && a.Bytes == b.Bytes
        && a.StatusClasses.SequenceEqual(b.StatusClasses)
        && a.Latency.SumMicros == b.Latency.SumMicros && a.Latency.MinMicros == b.Latency.MinMicros && a.Latency.MaxMicros == b.Latency.MaxMicros
        && a.Latency.NonEmptyBuckets().SequenceEqual(b.Latency.NonEmptyBuckets())
        && SameCounts(a.Paths, b.Paths) && SameCounts(a.Users, b.Users);

    private static bool SameCounts(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var n) && n == p.Value);

    private Stream Open()
    {
        var raw = new MemoryStream(stored, writable: false);
        return Layout == LogLayout.NdjsonGzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
    }
}
