using System.Diagnostics;

namespace Flint.Cli.Packaging;

/// <summary>What to publish.</summary>
/// <param name="Project">The project directory or file, e.g. src/Flint.Functions.</param>
/// <param name="Architecture">x86_64 or arm64.</param>
/// <param name="OutputDirectory">The publish directory (<c>-o</c>).</param>
/// <param name="Properties">Further MSBuild arguments (<c>-p:Name=Value</c>).</param>
/// <param name="Native">Whether this is a Native AOT publish (the shared AOT arguments and cross-compile settings apply).</param>
internal sealed record PublishRequest(string Project, string Architecture, string OutputDirectory, IReadOnlyList<string> Properties, bool Native = true);

/// <summary>Runs <c>dotnet publish</c> the way <c>flint package</c>, the Dockerfile and aws-lambda-tools-defaults.json do.</summary>
internal static class Publisher
{
    /// <summary>Used when deploy/publish-args.txt (the shared list) is absent.</summary>
    private static readonly string[] DefaultAotArguments = ["-p:SelfContained=true", "-p:StripSymbols=true"];

    /// <summary>The AOT publish arguments shared with the Dockerfile: deploy/publish-args.txt under <paramref name="repoRoot"/>, one per line.</summary>
    /// <remarks>
    /// <c>-p:PublishAot=true</c> is left out: as a global property it also reaches the source generator's netstandard2.0
    /// project (referenced by Flint.Runtime) and fails with NETSDK1207. Flint's function projects set PublishAot themselves.
    /// </remarks>
    public static IReadOnlyList<string> SharedAotArguments(string repoRoot)
    {
        var path = Path.Combine(repoRoot, "deploy", "publish-args.txt");
        var args = File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray()
            : DefaultAotArguments;
        return args.Where(a => !a.StartsWith("-p:PublishAot=", StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>
    /// MSBuild settings to cross-compile Native AOT from x64 Linux to arm64: clang as the compiler and linker (it targets
    /// aarch64 itself; the plain <c>clang</c> name, else the newest <c>clang-N</c> on PATH). The SDK finds the cross
    /// binutils (aarch64-linux-gnu-objcopy for StripSymbols) and the C runtime objects under /usr/aarch64-linux-gnu that
    /// Debian's crossbuild-essential-arm64 installs.
    /// </summary>
    public static IReadOnlyList<string> CrossCompileArguments(string architecture)
    {
        if (!LambdaArchitecture.IsCross(architecture))
        {
            return [];
        }

        var clang = Tools.Find("clang") ?? Tools.FindNewest("clang-") ?? "clang";
        return [$"-p:CppCompilerAndLinker={Path.GetFileName(clang)}"];
    }

    /// <summary>The full argument list of the publish.</summary>
    public static List<string> Arguments(PublishRequest request, string repoRoot)
    {
        var args = new List<string>
        {
            "publish", request.Project, "-c", "Release", "-r", LambdaArchitecture.RuntimeIdentifier(request.Architecture),
            "-o", request.OutputDirectory, "-nologo",
        };
        if (request.Native)
        {
            args.AddRange(SharedAotArguments(repoRoot));
            args.AddRange(CrossCompileArguments(request.Architecture));
        }

        args.AddRange(request.Properties);
        return args;
    }

    /// <summary>Publishes and returns the path of the published bootstrap (or entry assembly for a JIT publish).</summary>
    /// <param name="request">What to publish.</param>
    /// <param name="repoRoot">The repository root (the working directory, and where deploy/publish-args.txt lives).</param>
    /// <param name="log">Receives every output line of <c>dotnet publish</c>.</param>
    /// <exception cref="PublishException">The publish failed; the message holds its last lines.</exception>
    public static string Publish(PublishRequest request, string repoRoot, Action<string> log)
    {
        var args = Arguments(request, repoRoot);
        log("dotnet " + string.Join(' ', args));
        var tail = new Queue<string>();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repoRoot };
        args.ForEach(start.ArgumentList.Add);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = new Process { StartInfo = start };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 30)
                {
                    tail.Dequeue();
                }

                log(e.Data);
            }
        }

        using var publishLock = PublishLock.Acquire(repoRoot);
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        var bootstrap = Path.Combine(request.OutputDirectory, "bootstrap");
        if (process.ExitCode != 0 || (request.Native && !File.Exists(bootstrap)))
        {
            throw new PublishException($"dotnet publish failed (exit {process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
        }

        return bootstrap;
    }
}

/// <summary>A failed <c>dotnet publish</c>.</summary>
internal sealed class PublishException(string message) : Exception(message);
