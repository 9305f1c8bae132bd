using System.Diagnostics;
using Flint.Testing;

namespace Flint.Local.Tests;

/// <summary>Runtimes to run under the emulator: the C floor (built once per process) and a Python runtime.</summary>
internal static class TestRuntimes
{
    private static readonly Lazy<string> LazyFloor = new(BuildFloor);

    /// <summary>bench/floor compiled with cc into a directory of this process.</summary>
    public static string Floor => LazyFloor.Value;

    /// <summary>Assets/runtime.py: a conformant non-Flint runtime with test actions.</summary>
    public static string Python => Path.Combine(AppContext.BaseDirectory, "Assets", "runtime.py");

    private static string BuildFloor()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"flint-floor-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var output = Path.Combine(dir, "bootstrap");
        var start = new ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-o", output, RepoPaths.Combine("bench/floor/floor.c") })
        {
            start.ArgumentList.Add(arg);
        }

        using var cc = Process.Start(start)!;
        var errors = cc.StandardError.ReadToEnd() + cc.StandardOutput.ReadToEnd();
        cc.WaitForExit();
        return cc.ExitCode == 0 ? output : throw new InvalidOperationException("cc failed: " + errors);
    }
}
