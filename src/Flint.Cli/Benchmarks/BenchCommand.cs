using System.CommandLine;
using System.Diagnostics;
using Flint.Cli.Packaging;

namespace Flint.Cli.Benchmarks;

/// <summary>
/// <c>flint bench</c>: runs the BenchmarkDotNet suites of bench/Flint.Benchmarks, which write GitHub markdown and CSV to
/// bench/results/benchmarks/ (smoke runs, each benchmark once, to artifacts/benchmarks-smoke/).
/// </summary>
internal static class BenchCommand
{
    public const string Project = "bench/Flint.Benchmarks";

    public static Command Create()
    {
        var smoke = new Option<bool>("--smoke") { Description = "Each benchmark once, on the smallest inputs: checks the suites still run (CI)" };
        var filter = new Option<string[]>("--filter") { Description = "BenchmarkDotNet filter (glob over Namespace.Class.Method)", DefaultValueFactory = _ => ["*"], AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Directory of the reports (default: bench/results/benchmarks, or artifacts/benchmarks-smoke with --smoke)" };
        var command = new Command("bench", "Run the BenchmarkDotNet suites (S3 read/parse, runtime loop, serialization, startup) and write their reports")
        {
            smoke, filter, output,
        };
        command.SetAction(parse => RepoRoot.Require("bench", parse.InvocationConfiguration.Error) is { } root
            ? Run(parse.GetValue(smoke), parse.GetValue(filter) ?? ["*"], parse.GetValue(output), root, parse.InvocationConfiguration.Output)
            : 1);
        return command;
    }

    /// <summary>The arguments of <c>dotnet</c> that run the suites.</summary>
    public static List<string> Arguments(bool smoke, IReadOnlyList<string> filter, string? output)
    {
        var args = new List<string> { "run", "-c", "Release", "--project", Project, "--" };
        if (smoke)
        {
            args.Add("--smoke");
        }

        if (output is not null)
        {
            args.AddRange(["--out", output]);
        }

        args.Add("--filter");
        args.AddRange(filter);
        return args;
    }

    public static int Run(bool smoke, IReadOnlyList<string> filter, string? output, string repoRoot, TextWriter console)
    {
        if (!Directory.Exists(Path.Combine(repoRoot, Project)))
        {
            console.WriteLine($"flint bench: {Project} does not exist in {repoRoot}");
            return 1;
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        Arguments(smoke, filter, output is null ? null : Path.GetFullPath(output)).ForEach(start.ArgumentList.Add);
        console.WriteLine("dotnet " + string.Join(' ', start.ArgumentList));
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(console, e.Data);
        process.ErrorDataReceived += (_, e) => Write(console, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Write(TextWriter console, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (console)
        {
            console.WriteLine(line);
        }
    }
}
