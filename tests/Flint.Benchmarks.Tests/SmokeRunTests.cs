using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Flint.Testing;
using Xunit;

namespace Flint.Benchmarks.Tests;

/// <summary>Runs every benchmark suite once (smoke mode) in a child process, so the suites cannot rot.</summary>
public sealed class SmokeRunTests
{
    // Suite -> benchmark cases in a smoke run (S3 sizes: 1 MiB only).
    private static readonly Dictionary<string, int> Suites = new()
    {
        ["S3ReadParseBenchmarks"] = 4 * 8, // 4 layouts x 8 methods
        ["S3EndToEndBenchmarks"] = 2 * 3, // NDJSON and gzip x drained, typed digest, span digest
        ["RuntimeLoopBenchmarks"] = 4,
        ["SerializationBenchmarks"] = 7,
        ["StartupBenchmarks"] = 3,
        ["InitPhaseBenchmarks"] = 3,
    };

    [Fact]
    public void Smoke_run_of_every_suite_exits_zero_and_reports_positive_times_and_throughput()
    {
        var output = Path.Combine(RepoPaths.Artifacts, "benchmarks-smoke-test", Guid.NewGuid().ToString("N"));
        var (exitCode, log) = RunBenchmarks("--smoke", "--out", output);
        Assert.True(exitCode == 0, $"The smoke run exited with {exitCode}:{Environment.NewLine}{Tail(log)}");

        foreach (var (suite, cases) in Suites)
        {
            Assert.True(File.Exists(Path.Combine(output, suite + "-report-github.md")), $"{suite}: no markdown report.{Environment.NewLine}{Tail(log)}");
            var rows = ReadCsv(Path.Combine(output, suite + "-report.csv"));
            Assert.Equal(cases, rows.Count);
            foreach (var row in rows)
            {
                Assert.True(Nanoseconds(row["Mean"]) > 0, $"{suite}.{row["Method"]}: mean time {row["Mean"]}");
                Assert.True(row.ContainsKey("Allocated"), $"{suite}: no Allocated column (MemoryDiagnoser)");
            }
        }

        foreach (var suite in new[] { "S3ReadParseBenchmarks", "S3EndToEndBenchmarks" })
        {
            foreach (var row in ReadCsv(Path.Combine(output, suite + "-report.csv")))
            {
                var mbps = double.Parse(row["MB/s"], CultureInfo.InvariantCulture);
                Assert.True(mbps > 0, $"{suite}.{row["Method"]} ({row["Layout"]}): MB/s {mbps}");
            }
        }

        var digest = ReadCsv(Path.Combine(output, "S3ReadParseBenchmarks-report.csv")).Select(r => r["Method"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "ReadBytes", "RawTokenScan", "FlintFraming", "FlintDigest", "FlintSpanDigest", "FunctionSpanDigest", "PlainDeserialize" }, digest);
        var endToEnd = ReadCsv(Path.Combine(output, "S3EndToEndBenchmarks-report.csv")).Select(r => r["Method"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "GetObjectDrained", "GetObjectDigest", "GetObjectSpanDigest" }, endToEnd);
    }

    private static (int ExitCode, string Log) RunBenchmarks(params string[] args)
    {
        var configuration = typeof(SmokeRunTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = RepoPaths.Combine($"bench/Flint.Benchmarks/bin/{configuration}/net10.0/Flint.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built.");
        var run = Shell.Run(RepoPaths.Root, "dotnet", [dll, .. args], timeout: TimeSpan.FromMinutes(30));
        return (run.ExitCode, run.Output);
    }

    private static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;

    /// <summary>BenchmarkDotNet's CSV: a header row, then one row per case; fields may be quoted.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing.");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(SplitCsv).ToList();
        var header = lines[0];
        return [.. lines.Skip(1).Select(fields => header.Zip(fields).ToDictionary(p => p.First, p => p.Second))];
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>"1,234.5 us" -> 1234500.</summary>
    private static double Nanoseconds(string mean)
    {
        var parts = mean.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var value = double.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts.Length < 2 ? value : value * parts[1] switch
        {
            "ns" => 1,
            "us" or "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            _ => throw new FormatException($"Unknown time unit in \"{mean}\"."),
        };
    }
}
