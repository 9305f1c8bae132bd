using System.Text.RegularExpressions;
using Flint.Cli.Demo;

namespace Flint.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_digests_the_generated_day_and_answers_the_signed_api_request_with_the_workers_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var generated = DemoLogs.Generate(DateOnly.FromDateTime(DateTime.UtcNow), records: 2_000);
        var lines = generated.Records + generated.Malformed;

        var exit = await Program.CreateRoot().Parse(["demo", "--records", "2000"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        var text = output.ToString();
        Assert.True(exit == 0, text + error);
        Assert.Equal(generated.Malformed, Row(text, "malformed"));
        Assert.Equal(lines - generated.Malformed, Row(text, "requests"));
        Assert.Matches(@"POST /tasks \(signed\)\s+-> 200 \{.*""message"":""hello from S3, read by the worker""", text);
        Assert.Contains("POST /tasks (bad signature) -> 401", text);
        Assert.Matches(@"digest\s+│\s+[\d.]+\s+│\s+[\d.]+\s+│\s+[\d.]+", text);
    }

    private static long Row(string output, string field)
    {
        var match = Regex.Match(output, $@"│ {field}\s+│\s+(\d+) │");
        Assert.True(match.Success, $"no '{field}' row in:{Environment.NewLine}{output}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
