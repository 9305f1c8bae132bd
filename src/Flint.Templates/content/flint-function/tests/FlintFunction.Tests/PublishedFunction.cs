using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FlintFunction.Tests;

/// <summary>
/// The function as Lambda runs it: its Native AOT bootstrap, published once for this machine's architecture
/// (or the file named by FLINT_BOOTSTRAP, to test a bootstrap built elsewhere).
/// </summary>
public sealed class PublishedFunction
{
    public PublishedFunction()
    {
        var given = Environment.GetEnvironmentVariable("FLINT_BOOTSTRAP");
        Bootstrap = string.IsNullOrEmpty(given) ? Publish() : Path.GetFullPath(given);
        if (!File.Exists(Bootstrap))
        {
            throw new FileNotFoundException($"No bootstrap at {Bootstrap}.", Bootstrap);
        }
    }

    /// <summary>The executable to run.</summary>
    public string Bootstrap { get; }

    private static string Publish()
    {
        var project = FindProject();
        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var output = Path.Combine(AppContext.BaseDirectory, "function");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", rid, "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed (exit {process.ExitCode}):\n{stdout}\n{stderr.Result}");
        }

        return Path.Combine(output, "bootstrap");
    }

    /// <summary>src/FlintFunction/FlintFunction.csproj, found from the test's output folder upwards.</summary>
    private static string FindProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "FlintFunction", "FlintFunction.csproj");
            if (File.Exists(project))
            {
                return project;
            }
        }

        throw new FileNotFoundException("src/FlintFunction/FlintFunction.csproj not found above " + AppContext.BaseDirectory);
    }
}
