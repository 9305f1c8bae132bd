using Flint.Cli.LambdaReports;

namespace Flint.Cli.Tests;

public sealed class ReportFormatTests
{
    private static ReportData Collect(string fixture, ReportOptions? options = null) =>
        ReportCollector.Collect([Fixture.Path(fixture)], options ?? new ReportOptions());

    [Fact]
    public void Filter_log_events_text_output_reads_reports_with_their_log_streams()
    {
        var data = Collect("filter-log-events.txt", new ReportOptions(Function: "orders-api-arm64"));

        Assert.Equal("text", data.Files[0].Format);
        Assert.Equal(4, data.Samples.Count);
        Assert.Empty(data.Malformed);
        Assert.All(data.Samples, s => Assert.Equal("orders-api-arm64", s.Function));
        Assert.All(data.Samples, s => Assert.Equal("arm64", s.Architecture));
        Assert.Equal(["$LATEST", "$LATEST", "$LATEST", "7"], data.Samples.Select(s => s.Version));
        Assert.Equal([17.12, 15.60], data.Samples.Where(s => s.Line.IsCold).Select(s => s.Line.InitDurationMs!.Value));
        Assert.Equal("1-6748a1b1-3c5d7e9f1a2b3c4d5e6f7a8b", data.Samples[3].Line.TraceId);
    }

    [Fact]
    public void Filter_log_events_json_reads_events_with_timestamps()
    {
        var data = Collect("filter-log-events.json", new ReportOptions(Function: "orders", Architecture: "x86_64"));

        Assert.Equal("filter-log-events JSON", data.Files[0].Format);
        Assert.Equal(3, data.Samples.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732788001015), data.Samples[0].Timestamp);
        Assert.Equal(20.31, data.Samples[0].Line.InitDurationMs);
        Assert.Equal("timeout", data.Samples[2].Line.Status);
        Assert.All(data.Samples, s => Assert.Equal(new GroupKey("orders", "$LATEST", 256, "x86_64"), s.Group));
    }

    [Fact]
    public void Logs_tail_output_skips_start_end_and_application_lines()
    {
        var data = Collect("logs-tail.txt");

        Assert.Equal(3, data.Samples.Count);
        Assert.Equal(ReportCollector.Unknown, data.Samples[0].Function);
        Assert.Equal(ReportCollector.Unknown, data.Samples[0].Architecture);
        Assert.Equal(new DateTimeOffset(2024, 11, 28, 8, 0, 1, 415, TimeSpan.Zero), data.Samples[0].Timestamp);
        Assert.Equal("logs-tail.txt:5", data.Samples[0].Location);
        Assert.Equal("Runtime.ExitError", data.Samples[2].Line.ErrorType);
    }

    [Fact]
    public void Insights_csv_export_takes_function_and_architecture_from_the_log_group()
    {
        var data = Collect("insights.csv");

        Assert.Equal("Logs Insights CSV", data.Files[0].Format);
        Assert.Equal(4, data.Samples.Count);
        Assert.Equal(["hello-x86_64", "hello-x86_64", "hello-x86_64", "hello-arm64"], data.Samples.Select(s => s.Function));
        Assert.Equal(["x86_64", "x86_64", "x86_64", "arm64"], data.Samples.Select(s => s.Architecture));
        Assert.Equal(16.40, data.Samples[0].Line.InitDurationMs);
        Assert.Equal("insights.csv:4", data.Samples[1].Location);
    }

    [Fact]
    public void Insights_json_export_reads_rows_and_ignores_end_lines()
    {
        var data = Collect("insights.json");

        Assert.Equal("Logs Insights JSON", data.Files[0].Format);
        Assert.Equal(2, data.Samples.Count);
        Assert.All(data.Samples, s => Assert.Equal(new GroupKey("api", "12", 1024, ReportCollector.Unknown), s.Group));
    }

    [Fact]
    public void Insights_parsed_fields_convert_memory_from_bytes_to_megabytes()
    {
        var data = Collect("insights-fields.csv");

        Assert.Equal(3, data.Samples.Count);
        Assert.Equal(new ReportLine("44444444-aaaa-4bbb-8ccc-000000000001", 4.1, 26, 256, 29, 21.7), data.Samples[0].Line);
        Assert.False(data.Samples[1].Line.IsCold);
        Assert.Equal("digest", data.Samples[1].Function);
    }

    [Fact]
    public void Get_query_results_json_reads_field_value_rows()
    {
        var data = Collect("get-query-results.json");

        Assert.Equal("get-query-results JSON", data.Files[0].Format);
        Assert.Equal(2, data.Samples.Count);
        Assert.Equal(new GroupKey("worker", "3", 512, ReportCollector.Unknown), data.Samples[0].Group);
        Assert.Equal(24.50, data.Samples[0].Line.InitDurationMs);
        Assert.Equal(0.0, data.Samples[0].Line.RestoreDurationMs);
    }
}
