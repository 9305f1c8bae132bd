using Xunit;

namespace Flint.Local.Tests;

public sealed class InvocationReportTests
{
    [Fact]
    public void Cold_report_line_has_lambdas_fields_in_lambdas_order()
    {
        var report = new InvocationReport { RequestId = "abc", DurationMs = 1.234, BilledDurationMs = 7, MemorySizeMB = 128, MaxMemoryUsedMB = 12, InitDurationMs = 5.678 };

        Assert.Equal("REPORT RequestId: abc\tDuration: 1.23 ms\tBilled Duration: 7 ms\tMemory Size: 128 MB\tMax Memory Used: 12 MB\tInit Duration: 5.68 ms", report.ToLine());
    }

    [Fact]
    public void Warm_report_line_has_every_field_but_init_duration()
    {
        var report = new InvocationReport { RequestId = "abc", DurationMs = 0.5, BilledDurationMs = 1, MemorySizeMB = 128, MaxMemoryUsedMB = 3 };

        Assert.Equal("REPORT RequestId: abc\tDuration: 0.50 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 3 MB", report.ToLine());
    }

    [Fact]
    public void Report_line_round_trips_through_parse()
    {
        var report = new InvocationReport { RequestId = "r-1", DurationMs = 3000.01, BilledDurationMs = 3000, MemorySizeMB = 256, MaxMemoryUsedMB = 20, InitDurationMs = 9.5, Status = "error", ErrorType = "Runtime.ExitError" };

        var parsed = InvocationReport.Parse(report.ToLine())!;

        Assert.Equal(report.ToLine(), parsed.ToLine());
        Assert.Equal(9.5, parsed.InitDurationMs);
        Assert.Equal("Runtime.ExitError", parsed.ErrorType);
    }

    [Fact]
    public void Real_lambda_report_line_parses()
    {
        const string line = "REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be3\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB\tInit Duration: 16.12 ms\t";

        var parsed = InvocationReport.Parse(line)!;

        Assert.Equal("3604209a-e9a3-11e6-939a-754dd98c7be3", parsed.RequestId);
        Assert.Equal(12.34, parsed.DurationMs);
        Assert.Equal(13, parsed.BilledDurationMs);
        Assert.Equal(18, parsed.MaxMemoryUsedMB);
        Assert.Equal(16.12, parsed.InitDurationMs);
    }

    [Fact]
    public void Other_lines_are_not_reports() => Assert.Null(InvocationReport.Parse("START RequestId: x Version: $LATEST"));
}
