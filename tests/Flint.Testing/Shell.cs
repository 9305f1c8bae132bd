using System.Diagnostics;
using System.Text;

namespace Flint.Testing;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails with the command's output when it did not exit 0.</summary>
    public CommandResult Succeeded() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{Command}` exited {ExitCode}:{Environment.NewLine}{Output}");
}

/// <summary>
/// Runs commands as a user's shell would: no MSBuild variables inherited from the test host (they would point a child
/// <c>dotnet</c> at the wrong SDK pieces), no build servers (they would hold the output pipes open).
/// </summary>
public static class Shell
{
    private static readonly string[] HostVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG", "DOTNET_HOST_PATH"];

    public static CommandResult Run(string workingDirectory, string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in HostVariables)
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var command = file + " " + string.Join(' ', start.ArgumentList);
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(command, process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
