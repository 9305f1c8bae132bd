using System.Text.Json;
using Flint.Cli.LambdaReports;

namespace Flint.Cli.Tests;

public sealed class ReportCommandTests
{
    private static (int Exit, string Stdout, string Stderr, string Dir) Run(params string[] args)
    {
        var dir = Fixture.TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var parse = Program.CreateRoot().Parse(["report", .. args, "--out", dir]);
        var exit = parse.Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString(), dir);
    }

    [Fact]
    public void Malformed_lines_are_counted_skipped_and_reported_with_their_line_numbers()
    {
        var (exit, stdout, stderr, _) = Run(Fixture.Path("malformed.txt"));

        Assert.Equal(0, exit);
        Assert.Contains("2 REPORT lines (1 cold, 1 warm)", stdout);
        Assert.Contains("3 malformed line(s) skipped", stdout);
        Assert.Contains("- `malformed.txt:2`: 'Duration' is not a number of ms: '2.1'", stdout);
        Assert.Contains("- `malformed.txt:3`: missing 'Max Memory Used'", stdout);
        Assert.Contains("- `malformed.txt:4`: 'Duration' is not a number of ms: 'abc'", stdout);
        Assert.Contains("skipped 3 malformed line(s), first at malformed.txt:2, malformed.txt:3, malformed.txt:4", stderr);
    }

    [Fact]
    public void Missing_file_exits_non_zero_and_names_it()
    {
        var (exit, _, stderr, _) = Run(Fixture.Path("does-not-exist.txt"));

        Assert.Equal(1, exit);
        Assert.Contains("does-not-exist.txt: no such file", stderr);
    }

    [Fact]
    public void File_without_any_report_line_exits_non_zero()
    {
        var (exit, _, stderr, _) = Run(Fixture.Path("no-report.txt"));

        Assert.Equal(1, exit);
        Assert.Contains("no-report.txt: no REPORT line in 3 text records", stderr);
    }

    [Fact]
    public void Files_of_every_format_group_by_function_version_memory_and_architecture()
    {
        var (exit, stdout, _, dir) = Run(
            Fixture.Path("insights.csv"), Fixture.Path("insights.json"), Fixture.Path("insights-fields.csv"),
            Fixture.Path("get-query-results.json"), Fixture.Path("filter-log-events.txt"), "--function", "orders-arm64");

        Assert.Equal(0, exit);
        Assert.Contains("| hello-x86_64 | $LATEST | 128 | x86_64 | 2 | 1 | 16.40 | 17.05 |", stdout);
        Assert.Contains("| hello-arm64 | $LATEST | 128 | arm64 | 1 | 0 | 15.80 | 15.80 |", stdout);
        Assert.Contains("| orders-arm64 | $LATEST | 128 | arm64 | 1 | 2 | 17.12 | 17.12 | 0.98 | 1.05 | 20 | 0 |", stdout);
        Assert.Contains("| orders-arm64 | 7 | 128 | arm64 | 1 | 0 |", stdout);
        Assert.Contains("## digest · $LATEST · 256 MB · unknown", stdout);
        Assert.Contains("| warm | duration (ms) | 2 | 1.20 | 1.40 | 1.40 | 1.20 | 1.40 |", stdout);

        foreach (var file in new[] { "report.md", "report.json", "report-init.png", "report-init.svg", "report-memory.png", "report-memory.svg" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, file);
        }

        Assert.StartsWith("\u0089PNG", File.ReadAllText(Path.Combine(dir, "report-init.png"), System.Text.Encoding.Latin1));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "report-init.svg")));
    }

    [Fact]
    public void Json_output_holds_every_raw_sample_and_the_group_summaries()
    {
        var (_, _, _, dir) = Run(Fixture.Path("filter-log-events.json"), Fixture.Path("logs-tail.txt"), "--arch", "arm64");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var samples = json.RootElement.GetProperty("samples");
        Assert.Equal(6, samples.GetArrayLength());
        Assert.Equal(402.37, samples[3].GetProperty("durationMs").GetDouble());
        Assert.Equal(42.18, samples[3].GetProperty("initDurationMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, samples[4].GetProperty("initDurationMs").ValueKind);
        Assert.All(samples.EnumerateArray(), s => Assert.Equal("arm64", s.GetProperty("architecture").GetString()));

        var groups = json.RootElement.GetProperty("groups");
        Assert.Equal(2, groups.GetArrayLength());
        var warm = groups[0].GetProperty("warm").GetProperty("durationMs");
        Assert.Equal(2, warm.GetProperty("count").GetInt32());
        Assert.Equal(3000.0, warm.GetProperty("max").GetDouble());
    }
}
