using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Flint.Testing;

namespace Flint.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Flint.Benchmarks -- [--smoke] [--sizes 1,16] [--layouts Ndjson,JsonArray] [--inprocess] [--out DIR] [BenchmarkDotNet args]</c>
/// Runs the suites (all unless <c>--filter</c> says otherwise) and copies each suite's GitHub markdown and CSV
/// report to <c>bench/results/benchmarks/</c> (smoke runs: <c>artifacts/benchmarks-smoke/</c>).
/// </summary>
internal static class Program
{
    private static readonly Type[] Suites =
    [
        typeof(S3ReadParseBenchmarks),
        typeof(S3EndToEndBenchmarks),
        typeof(RuntimeLoopBenchmarks),
        typeof(SerializationBenchmarks),
        typeof(StartupBenchmarks),
        typeof(InitPhaseBenchmarks),
    ];

    public static int Main(string[] args)
    {
        var rest = new List<string>();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    BenchMode.Smoke = true;
                    break;
                case "--inprocess":
                    BenchMode.InProcess = true;
                    break;
                case "--sizes" when i + 1 < args.Length:
                    BenchMode.SizesMB = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--layouts" when i + 1 < args.Length:
                    BenchMode.Layouts = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<LogLayout>)];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (BenchMode.Smoke && !args.Contains("--sizes"))
        {
            BenchMode.SizesMB = [1];
        }

        if (!rest.Any(a => a is "--filter" or "-f"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        output = Path.GetFullPath(output ?? RepoPaths.Combine(BenchMode.Smoke ? "artifacts/benchmarks-smoke" : "bench/results/benchmarks"));
        var artifacts = Path.Combine(RepoPaths.Artifacts, BenchMode.Smoke ? "benchmarkdotnet-smoke" : "benchmarkdotnet");
        if (SelectsStartup(rest))
        {
            HelloBootstraps.PublishAndExport(); // once, here, rather than in every benchmark process
        }

        var config = ManualConfig.CreateEmpty()
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(artifacts)
            .WithBuildTimeout(TimeSpan.FromMinutes(20)) // the generated project builds slowly on a loaded machine
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.StopOnFirstError);
        if (BenchMode.Smoke)
        {
            config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }

        var summaries = BenchmarkSwitcher.FromTypes(Suites).Run([.. rest], config).ToList();
        Directory.CreateDirectory(output);
        var failed = false;
        foreach (var summary in summaries)
        {
            failed |= summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) || summary.Reports.Length == 0;
            var suite = summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type;
            foreach (var report in Directory.EnumerateFiles(summary.ResultsDirectoryPath))
            {
                var name = Path.GetFileName(report);
                var prefix = suite is null ? summary.Title : name.StartsWith(suite.FullName + "-", StringComparison.Ordinal) ? suite.FullName! : suite.Name;
                if (suite is not null && name.StartsWith(prefix + "-", StringComparison.Ordinal))
                {
                    File.Copy(report, Path.Combine(output, suite.Name + name[prefix.Length..]), overwrite: true);
                }
            }
        }

        Console.WriteLine($"// Flint: {summaries.Count} suite report(s) in {output}");
        return summaries.Count == 0 || failed ? 1 : 0;
    }

    private static bool SelectsStartup(List<string> args)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] is "--filter" or "-f")
            {
                for (var j = i + 1; j < args.Count && !args[j].StartsWith('-'); j++)
                {
                    if (args[j] == "*" || args[j].Contains("Startup", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
