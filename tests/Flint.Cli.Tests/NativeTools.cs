using System.Diagnostics;

namespace Flint.Cli.Tests;

/// <summary>Builds tiny native programs for the ELF tests with the machine's C compiler.</summary>
internal static class NativeTools
{
    public static string CCompiler { get; } =
        new[] { "cc", "clang-14", "clang", "gcc" }.FirstOrDefault(c => Which(c) is not null)
        ?? throw new InvalidOperationException("no C compiler (cc, clang-14, clang, gcc) on PATH");

    /// <summary>Compiles <paramref name="source"/> into an executable and returns its path.</summary>
    public static string Compile(string source, params string[] flags)
    {
        var dir = Fixture.TempDirectory();
        var c = Path.Combine(dir, "program.c");
        File.WriteAllText(c, source);
        var output = Path.Combine(dir, "program");
        var (exit, text) = Run(CCompiler, ["-O1", "-o", output, c, .. flags]);
        Assert.True(exit == 0, $"{CCompiler} failed: {text}");
        return output;
    }

    public static (int Exit, string Output) Run(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
