using Flint.Cli.LambdaReports;

namespace Flint.Cli.Tests;

public sealed class ReportLineParserTests
{
    [Fact]
    public void Cold_start_line_with_tabs_gives_every_field()
    {
        var ok = ReportLineParser.TryParse(
            "REPORT RequestId: 0b6e5c1a-5d1e\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tInit Duration: 67.89 ms\t",
            out var line, out _);

        Assert.True(ok);
        Assert.Equal(new ReportLine("0b6e5c1a-5d1e", 12.34, 13, 128, 45, 67.89), line);
        Assert.True(line.IsCold);
    }

    [Fact]
    public void Warm_line_separated_by_spaces_after_a_prefix_is_warm()
    {
        var ok = ReportLineParser.TryParse(
            "2024-11-28T08:00:01Z stream REPORT RequestId: abc  Duration: 1.05 ms  Billed Duration: 2 ms  Memory Size: 256 MB  Max Memory Used: 19 MB",
            out var line, out _);

        Assert.True(ok);
        Assert.Equal(1.05, line.DurationMs);
        Assert.Equal(256, line.MemorySizeMb);
        Assert.False(line.IsCold);
    }

    [Fact]
    public void Xray_timeout_and_error_fields_are_kept()
    {
        ReportLineParser.TryParse(
            "REPORT RequestId: r1\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tXRAY TraceId: 1-abc-def\tSegmentId: 0a1b\tSampled: true\tStatus: timeout",
            out var timeout, out _);
        ReportLineParser.TryParse(
            "REPORT RequestId: r2\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tStatus: error\tError Type: Runtime.ExitError",
            out var error, out _);

        Assert.Equal("timeout", timeout.Status);
        Assert.Equal("1-abc-def", timeout.TraceId);
        Assert.Equal("Runtime.ExitError", error.ErrorType);
    }

    [Fact]
    public void SnapStart_restore_duration_marks_a_cold_start()
    {
        ReportLineParser.TryParse(
            "REPORT RequestId: r\tDuration: 2.00 ms\tBilled Duration: 150 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tRestore Duration: 140.20 ms\tBilled Restore Duration: 148 ms",
            out var line, out _);

        Assert.Equal(140.20, line.RestoreDurationMs);
        Assert.Null(line.InitDurationMs);
        Assert.True(line.IsCold);
    }

    [Theory]
    [InlineData("REPORT RequestId: r\tDuration: 2.1", "'Duration' is not a number of ms: '2.1'")]
    [InlineData("REPORT RequestId: r\tDuration: 2.1 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB", "missing 'Max Memory Used'")]
    [InlineData("REPORT RequestId: r\tDuration: abc ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB", "'Duration' is not a number of ms: 'abc'")]
    [InlineData("REPORT RequestId: r\tDuration: 2 ms\tBilled Duration: 3 ms\tMemory Size: 128.5 MB\tMax Memory Used: 1 MB", "'Memory Size' is not a whole number of MB: '128.5'")]
    public void Truncated_or_garbled_lines_say_what_is_wrong(string text, string problem)
    {
        Assert.False(ReportLineParser.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
    }
}
