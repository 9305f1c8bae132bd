using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Flint.Cli.ColdStarts;

/// <summary>The machine a report was measured on.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Kernel, string Os, string DotnetSdk, string DotnetRuntime)
{
    public static MachineInfo Current() => new(
        ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        ReadAll("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        ReadFirst("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription,
        SdkVersion(),
        RuntimeInformation.FrameworkDescription);

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
