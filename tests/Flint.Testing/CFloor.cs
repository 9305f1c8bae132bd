using System.Diagnostics;

namespace Flint.Testing;

/// <summary>bench/floor, the echoing C runtime, built by its Makefile (the one recipe) once per test process.</summary>
public static class CFloor
{
    private static readonly Lazy<string> Built = new(Build);

    /// <summary>The path of the built bootstrap.</summary>
    public static string Bootstrap => Built.Value;

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"flint-floor-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var output = Path.Combine(dir, "bootstrap");
        var start = new ProcessStartInfo("make") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-s", "-C", RepoPaths.Combine("bench/floor"), "OUT=" + output })
        {
            start.ArgumentList.Add(arg);
        }

        using var make = Process.Start(start)!;
        var errors = make.StandardError.ReadToEnd() + make.StandardOutput.ReadToEnd();
        make.WaitForExit();
        return make.ExitCode == 0 ? output : throw new InvalidOperationException("make -C bench/floor failed: " + errors);
    }
}
