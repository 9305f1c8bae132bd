using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Flint.Records;
using Xunit;

namespace Flint.Aws.Tests;

public sealed class RecordReaderTests
{
    public static TheoryData<string, RecordFormat> Layouts => new()
    {
        { "ndjson", RecordFormat.JsonLines },
        { "ndjson-crlf", RecordFormat.JsonLines },
        { "array", RecordFormat.JsonArray },
        { "pretty-array", RecordFormat.JsonArray },
        { "records", RecordFormat.RecordsObject },
        { "records-with-other-properties", RecordFormat.RecordsObject },
    };

    private static string Text(string layout) => layout switch
    {
        "ndjson" => Samples.JsonLines,
        "ndjson-crlf" => Samples.JsonLinesCrlfBlankNoFinalNewline,
        "array" => Samples.Array,
        "pretty-array" => Samples.PrettyArray,
        "records" => Samples.Records,
        _ => Samples.RecordsWithOtherProperties,
    };

    private static async Task<(List<AccessLog> Logs, RecordReadStats Stats)> Read(Stream stream, RecordFormat format, RecordReaderOptions? options = null)
    {
        var logs = new List<AccessLog>();
        var stats = await RecordReader.ReadAsync(stream, format, TestJson.Default.AccessLog, logs.Add, options);
        return (logs, stats);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_layout_is_detected_and_yields_every_record(string layout, RecordFormat expected)
    {
        var bytes = Samples.Utf8(Text(layout));

        var (logs, stats) = await Read(new MemoryStream(bytes), RecordFormat.Auto);

        Assert.Equal(expected, stats.Format);
        Assert.Equal(Samples.Logs, logs);
        Assert.Equal(5, stats.Records);
        Assert.Equal(0, stats.Malformed);
        Assert.Equal(bytes.Length, stats.Bytes);
        Assert.Null(stats.Error);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Records_split_at_every_read_and_buffer_boundary_come_out_whole(string layout, RecordFormat expected)
    {
        var bytes = Samples.Utf8(Text(layout));
        foreach (var bufferSize in new[] { 16, 17, 64, 100, 4096 })
        {
            for (var chunk = 1; chunk <= bytes.Length; chunk += chunk < 40 ? 1 : 13)
            {
                var (logs, stats) = await Read(new TrickleStream(bytes, chunk), RecordFormat.Auto, new RecordReaderOptions { BufferSize = bufferSize });

                Assert.True(Samples.Logs.SequenceEqual(logs), $"buffer {bufferSize}, chunk {chunk}: {logs.Count} records");
                Assert.Equal(expected, stats.Format);
                Assert.Equal(0, stats.Malformed);
                Assert.Null(stats.Error);
            }
        }
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_the_first_are_sampled_with_line_numbers()
    {
        var lines = new[]
        {
            Samples.Json(Samples.Logs[0]),
            "{\"ts\":\"2026-11-27T00:00:09Z\",\"method\":\"GET\"", // cut short
            Samples.Json(Samples.Logs[1]),
            "not json at all",
            "",
            "{\"ts\":\"yesterday\",\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"latencyMs\":1,\"bytes\":1}", // bad date
            "null",
            "{\"ts\":\"2026-11-27T00:00:09Z\",\"method\":\"GET\",\"path\":\"/\",\"status\":\"two hundred\",\"latencyMs\":1,\"bytes\":1}",
            Samples.Json(Samples.Logs[2]),
        };
        var bytes = Samples.Utf8(string.Join("\n", lines));

        var (logs, stats) = await Read(new TrickleStream(bytes, 7), RecordFormat.JsonLines, new RecordReaderOptions { BufferSize = 32, MaxSamples = 3, SampleBytes = 10 });

        Assert.Equal(Samples.Logs[..3], logs);
        Assert.Equal(3, stats.Records);
        Assert.Equal(5, stats.Malformed);
        Assert.Equal([2L, 4, 6], stats.Samples.Select(s => s.Line));
        Assert.Equal("{\"ts\":\"202", stats.Samples[0].Snippet);
        Assert.Equal("not json a", stats.Samples[1].Snippet);
        Assert.All(stats.Samples, s => Assert.False(string.IsNullOrEmpty(s.Reason)));
        Assert.Null(stats.Error);
    }

    [Fact]
    public async Task Malformed_array_element_is_counted_and_reading_goes_on()
    {
        var text = "[\n" + Samples.Json(Samples.Logs[0]) + ",\n{\"ts\":1},\n\"text\",\n" + Samples.Json(Samples.Logs[1]) + "\n]";

        var (logs, stats) = await Read(new TrickleStream(Samples.Utf8(text), 5), RecordFormat.Auto, new RecordReaderOptions { BufferSize = 16 });

        Assert.Equal(Samples.Logs[..2], logs);
        Assert.Equal(2, stats.Malformed);
        Assert.Equal([3L, 4], stats.Samples.Select(s => s.Line));
        Assert.Equal("{\"ts\":1}", stats.Samples[0].Snippet);
        Assert.Null(stats.Error);
    }

    [Fact]
    public async Task Broken_array_structure_stops_the_read_with_an_error_and_keeps_earlier_records()
    {
        var text = "[" + Samples.Json(Samples.Logs[0]) + "," + Samples.Json(Samples.Logs[1]) + ",}" + Samples.Json(Samples.Logs[2]) + "]";

        var (logs, stats) = await Read(new MemoryStream(Samples.Utf8(text)), RecordFormat.JsonArray);

        Assert.Equal(Samples.Logs[..2], logs);
        Assert.Equal(1, stats.Malformed);
        Assert.StartsWith("Invalid JSON structure", stats.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_array_is_reported()
    {
        var text = "[" + Samples.Json(Samples.Logs[0]) + "," + Samples.Json(Samples.Logs[1])[..20];

        var (logs, stats) = await Read(new MemoryStream(Samples.Utf8(text)), RecordFormat.Auto);

        Assert.Equal(Samples.Logs[..1], logs);
        Assert.NotNull(stats.Error);
    }

    [Fact]
    public async Task Object_without_records_array_is_an_error_not_a_crash()
    {
        var (logs, stats) = await Read(new MemoryStream(Samples.Utf8("{\"Other\":[1,2],\"More\":{}}")), RecordFormat.RecordsObject);

        Assert.Empty(logs);
        Assert.Equal("The object has no \"Records\" array.", stats.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\r\n\t ")]
    [InlineData("[]")]
    [InlineData("{\"Records\":[]}")]
    public async Task Empty_objects_hold_no_records_and_no_errors(string text)
    {
        var (logs, stats) = await Read(new MemoryStream(Samples.Utf8(text)), RecordFormat.Auto);

        Assert.Empty(logs);
        Assert.Equal(0, stats.Malformed);
        Assert.Null(stats.Error);
    }

    [Fact]
    public async Task Byte_order_mark_is_skipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Samples.Utf8(Samples.Array)).ToArray();

        var (logs, stats) = await Read(new MemoryStream(bytes), RecordFormat.Auto);

        Assert.Equal(RecordFormat.JsonArray, stats.Format);
        Assert.Equal(Samples.Logs, logs);
    }

    [Fact]
    public async Task Line_longer_than_the_limit_is_skipped_as_malformed()
    {
        var huge = "{\"path\":\"" + new string('x', 5000) + "\"}";
        var text = Samples.Json(Samples.Logs[0]) + "\n" + huge + "\n" + Samples.Json(Samples.Logs[1]) + "\n";

        var (logs, stats) = await Read(new TrickleStream(Samples.Utf8(text), 100), RecordFormat.JsonLines, new RecordReaderOptions { BufferSize = 256, MaxRecordBytes = 1024 });

        Assert.Equal(Samples.Logs[..2], logs);
        Assert.Equal(1, stats.Malformed);
        Assert.Equal(2, stats.Samples.Single().Line);
        Assert.Contains("longer than 1024 bytes", stats.Samples[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_larger_than_the_initial_buffer_grow_it()
    {
        var big = Samples.Logs[0] with { Path = "/" + new string('p', 3000) };
        var text = "[" + Samples.Json(big) + "," + Samples.Json(Samples.Logs[1]) + "]";

        var (logs, _) = await Read(new TrickleStream(Samples.Utf8(text), 50), RecordFormat.Auto, new RecordReaderOptions { BufferSize = 64 });

        Assert.Equal([big, Samples.Logs[1]], logs);
    }

    [Fact]
    public async Task Gzip_body_opened_by_name_reads_the_same_records()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Samples.Utf8(Samples.Records));
        }

        compressed.Position = 0;
        var (logs, stats) = await Read(RecordStream.Open(compressed, RecordStream.IsGzip("app.json.gz", null)), RecordFormat.Auto);

        Assert.Equal(Samples.Logs, logs);
        Assert.Equal(Samples.Utf8(Samples.Records).Length, stats.Bytes);
    }

    [Fact]
    public void The_record_reader_works_without_the_AWS_SDK()
    {
        var references = typeof(RecordReader).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToArray();

        Assert.Contains("System.Text.Json", references);
        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Span_handler_sees_each_record_raw_and_can_reject_it()
    {
        var statuses = new List<int>();

        var stats = await RecordReader.ReadAsync(new MemoryStream(Samples.Utf8(Samples.JsonLines)), RecordFormat.Auto, json =>
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    var status = reader.GetInt32();
                    statuses.Add(status);
                    return status < 500;
                }
            }

            return false;
        });

        Assert.Equal([200, 201, 404, 500, 200], statuses);
        Assert.Equal(4, stats.Records);
        Assert.Equal(1, stats.Malformed);
        Assert.Equal(4, stats.Samples.Single().Line);
    }

    [Fact]
    public async Task Exception_from_the_callback_is_not_swallowed()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RecordReader.ReadAsync(new MemoryStream(Samples.Utf8(Samples.JsonLines)), RecordFormat.Auto, TestJson.Default.AccessLog,
                _ => throw new InvalidOperationException("handler bug")));
    }
}
