using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Flint.Cli.ColdStarts;

/// <summary>The machine a report was measured on.</summary>
/// <param name="Cpu">The CPU model.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Kernel">The kernel release.</param>
/// <param name="Os">The distribution.</param>
/// <param name="DotnetSdk">The SDK that built the variants.</param>
/// <param name="DotnetRuntime">The runtime of this tool (and of the managed variants).</param>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages: timings on a busy machine spread wider.</param>
internal sealed record MachineInfo(string Cpu, int Cores, string Kernel, string Os, string DotnetSdk, string DotnetRuntime, string LoadAverage = "unknown")
{
    public static MachineInfo Current() => new(
        ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        ReadAll("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        ReadFirst("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription,
        SdkVersion(),
        RuntimeInformation.FrameworkDescription,
        ReadAll("/proc/loadavg") is { } load ? string.Join(' ', load.Split(' ').Take(3)) : "unknown");

    private static string? ReadAll(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var separator = line.IndexOfAny([':', '=']);
            if (separator > 0 && line[..separator].Trim() == key)
            {
                return line[(separator + 1)..].Trim();
            }
        }

        return null;
    }

    private static string SdkVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
