using System.IO.Compression;

namespace Flint.Records;

/// <summary>
/// Prepares a raw body (an S3 object, an HTTP response, a file) for <see cref="RecordReader"/>: inflates gzip on the
/// fly and reads the next 128 KiB ahead while the current one parses (at most two chunks held).
/// </summary>
/// <example>
/// <code>
/// await using var body = RecordStream.Open(File.OpenRead("app.ndjson.gz"), RecordStream.IsGzip("app.ndjson.gz", null));
/// var stats = await RecordReader.ReadAsync(body, RecordFormat.Auto, MyJson.Default.AccessLog, digest.Add);
/// </code>
/// </example>
public static class RecordStream
{
    /// <summary>Whether a body is gzip: by its name's <c>.gz</c> suffix or its <c>Content-Encoding</c>.</summary>
    /// <param name="name">The object key or file name.</param>
    /// <param name="contentEncoding">The body's <c>Content-Encoding</c>, if it has one.</param>
    public static bool IsGzip(string name, string? contentEncoding) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
        || (contentEncoding is not null && contentEncoding.Contains("gzip", StringComparison.OrdinalIgnoreCase));

    /// <summary>Wraps <paramref name="body"/> for reading: decompressed when <paramref name="gzip"/>, read ahead always.</summary>
    /// <param name="body">The raw bytes; owned by the returned stream and disposed with it.</param>
    /// <param name="gzip">Whether <paramref name="body"/> is gzip-compressed.</param>
    public static Stream Open(Stream body, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ReadAheadStream(gzip ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: false) : body);
    }
}
