using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Flint.Runtime.Tests;

public sealed partial class LoggingTests : IDisposable
{
    private readonly FakeRuntimeApi api = new();

    public void Dispose() => api.Dispose();

    private static TestTable Logging() => new(new()
    {
        ["log"] = (payload, context, response) =>
        {
            context.Logger.Debug("debug detail");
            context.Logger.Info("hello\nsecond line");
            context.Logger.Error("bad thing");
            response.Write(context.Logger.IsEnabled(LambdaLogLevel.Info) ? "info on"u8 : "info off"u8);
        },
    });

    [Fact]
    public void Text_format_writes_timestamp_request_id_level_and_message_one_entry_per_line()
    {
        api.Enqueue(FakeEvent.Json("req-7", "{}"));
        var run = RuntimeRun.For(api);

        run.Run(Logging(), invocations: 1);

        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Matches(TextLine(), run.StdoutLines[0]);
        Assert.EndsWith("\treq-7\tINFO\thello\rsecond line", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.EndsWith("\treq-7\tERROR\tbad thing", run.StdoutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_writes_one_object_per_line_with_timestamp_level_message_and_request_id()
    {
        api.Enqueue(FakeEvent.Json("req-8", "{}"));
        var run = RuntimeRun.For(api, ("AWS_LAMBDA_LOG_FORMAT", "JSON"));

        run.Run(Logging(), invocations: 1);

        var entries = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal(["timestamp", "level", "message", "requestId"], entries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("INFO", entries[0].GetProperty("level").GetString());
        Assert.Equal("hello\nsecond line", entries[0].GetProperty("message").GetString());
        Assert.Equal("req-8", entries[0].GetProperty("requestId").GetString());
        Assert.Matches(Timestamp(), entries[0].GetProperty("timestamp").GetString());
        Assert.Equal("ERROR", entries[1].GetProperty("level").GetString());
    }

    [Fact]
    public void Log_level_debug_lets_debug_entries_through()
    {
        api.Enqueue(FakeEvent.Json("r", "{}"));
        var run = RuntimeRun.For(api, ("AWS_LAMBDA_LOG_LEVEL", "debug"));

        run.Run(Logging(), invocations: 1);

        Assert.Equal(["DEBUG", "INFO", "ERROR"], run.StdoutLines.Select(l => l.Split('\t')[2]));
    }

    [Fact]
    public void Log_level_error_filters_info_out_and_reports_it_disabled()
    {
        api.Enqueue(FakeEvent.Json("r", "{}"));
        var run = RuntimeRun.For(api, ("AWS_LAMBDA_LOG_LEVEL", "ERROR"));

        run.Run(Logging(), invocations: 1);

        Assert.EndsWith("\tERROR\tbad thing", Assert.Single(run.StdoutLines), StringComparison.Ordinal);
        Assert.Equal("info off", Assert.Single(api.Posts).BodyText);
    }

    [Fact]
    public void Handler_failure_is_logged_as_an_error_entry()
    {
        api.Enqueue(FakeEvent.Json("r", "{}"));
        var run = RuntimeRun.For(api, ("AWS_LAMBDA_LOG_FORMAT", "json"));

        run.Run(new TestTable(new() { ["fail"] = TestTable.Fail }), invocations: 1);

        var entry = JsonDocument.Parse(Assert.Single(run.StdoutLines)).RootElement;
        Assert.Equal("ERROR", entry.GetProperty("level").GetString());
        Assert.Equal("InvalidOperationException: the fail handler always fails", entry.GetProperty("message").GetString());
    }

    [Fact]
    public void Nothing_is_written_or_opened_when_every_entry_is_filtered_out()
    {
        var opened = false;
        using var logger = new LambdaLogger(() => { opened = true; return Stream.Null; }, LambdaLogLevel.Error, json: false);

        logger.Info("skipped");
        logger.Debug("skipped");

        Assert.False(opened);
    }

    [Theory]
    [InlineData("TRACE", LambdaLogLevel.Trace)]
    [InlineData("debug", LambdaLogLevel.Debug)]
    [InlineData("Warn", LambdaLogLevel.Warn)]
    [InlineData("FATAL", LambdaLogLevel.Fatal)]
    [InlineData(null, LambdaLogLevel.Info)]
    [InlineData("verbose", LambdaLogLevel.Info)]
    public void Log_level_names_parse_in_any_case_and_default_to_info(string? value, LambdaLogLevel expected) =>
        Assert.Equal(expected, RuntimeSettings.ParseLevel(value));

    [Fact]
    public void Timestamp_is_iso_8601_utc_with_milliseconds()
    {
        var bytes = new byte[24];
        LambdaLogger.WriteTimestamp(bytes, new DateTime(2026, 1, 2, 3, 4, 5, 67, DateTimeKind.Utc));
        Assert.Equal("2026-01-02T03:04:05.067Z", System.Text.Encoding.ASCII.GetString(bytes));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\treq-7\tINFO\t")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex Timestamp();
}
