using Flint.Testing;

namespace Flint.Local.Tests;

/// <summary>Runtimes to run under the emulator: the C floor (built once per process) and a Python runtime.</summary>
internal static class TestRuntimes
{
    /// <summary>bench/floor built by its Makefile into a directory of this process.</summary>
    public static string Floor => CFloor.Bootstrap;

    private static readonly Lazy<string> LazyPython = new(WritePython);

    /// <summary>Assets/runtime.py: a conformant non-Flint runtime with test actions, run by the system interpreter.</summary>
    public static string Python => LazyPython.Value;

    /// <summary>Copies the script with a shebang naming the system python (version-manager shims cost a second per start).</summary>
    private static string WritePython()
    {
        var interpreter = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "/usr/bin/env python3";
        var dir = Path.Combine(Path.GetTempPath(), $"flint-python-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "runtime.py");
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Assets", "runtime.py"));
        lines[0] = $"#!{interpreter} -S";
        File.WriteAllLines(script, lines);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
