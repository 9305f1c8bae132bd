using System.CommandLine;
using Flint.Cli.Charts;

namespace Flint.Cli.LambdaReports;

/// <summary><c>flint report FILE...</c>: cold and warm start statistics from exported CloudWatch REPORT lines.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "CloudWatch Logs exports: filter-log-events text or JSON, logs tail output, Logs Insights CSV or JSON",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Directory for the markdown, JSON and charts", DefaultValueFactory = _ => "flint-report" };
        var name = new Option<string>("--name") { Description = "File name stem of the outputs", DefaultValueFactory = _ => "report" };
        var function = new Option<string?>("--function") { Description = "Function name for exports without a log group (filter-log-events, logs tail)" };
        var arch = new Option<string?>("--arch") { Description = "Architecture of every sample; REPORT lines do not carry it (default: from names containing arm64/x86_64)" };
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var command = new Command("report", "Summarise Lambda REPORT lines exported from CloudWatch Logs: init, duration, billed and memory per function, version, memory size and architecture")
        {
            files, output, name, function, arch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files)!,
            parse.GetValue(output)!,
            parse.GetValue(name)!,
            new ReportOptions(parse.GetValue(function), parse.GetValue(arch)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Reads, summarises and writes; 0 on success, 1 when an input is missing or holds no REPORT line.</summary>
    public static int Run(IReadOnlyList<string> files, string outputDirectory, string name, ReportOptions options, TextWriter stdout, TextWriter stderr)
    {
        ReportData data;
        try
        {
            data = ReportCollector.Collect(files, options);
        }
        catch (ReportInputException e)
        {
            stderr.WriteLine($"flint report: {e.Message}");
            return 1;
        }

        var groups = ReportGroup.From(data.Samples);
        Directory.CreateDirectory(outputDirectory);
        var stem = Path.Combine(outputDirectory, name);
        var charts = new List<string>();
        var withInit = groups.Where(g => g.Init.Count > 0).ToArray();
        if (withInit.Length > 0)
        {
            charts.AddRange(ChartWriter.BoxPlot(stem + "-init", "Init duration per group (cold starts)", "Init Duration (ms)",
                withInit.Select(g => (Label(g.Key), (IReadOnlyList<double>)g.Cold.Where(l => l.InitDurationMs is not null).Select(l => l.InitDurationMs!.Value).ToArray())).ToArray()));
        }

        charts.AddRange(ChartWriter.Bars(stem + "-memory", "Max memory used per group (highest sample)", "Max Memory Used (MB)",
            groups.Select(g => (Label(g.Key), ReportGroup.MaxMemory(g.Cold.Concat(g.Warm)).Max)).ToArray()));

        var markdown = ReportMarkdown.Render(data, groups, options, charts);
        File.WriteAllText(stem + ".md", markdown);
        using (var json = File.Create(stem + ".json"))
        {
            ReportJson.Write(json, data, groups);
        }

        stdout.Write(markdown);
        stdout.WriteLine();
        stdout.WriteLine($"Wrote {stem}.md, {stem}.json and {charts.Count} chart files in {outputDirectory}");
        if (data.Malformed.Count > 0)
        {
            var first = data.Malformed.Take(ReportMarkdown.MalformedShown).Select(m => m.Location);
            stderr.WriteLine($"flint report: skipped {data.Malformed.Count} malformed line(s), first at {string.Join(", ", first)}");
        }

        return 0;
    }

    private static string Label(GroupKey key) => $"{key.Function}\n{key.Version} {key.MemorySizeMb} MB {key.Architecture}";
}
