using System.Diagnostics;
using System.Text;

namespace Flint.Cli.Demo;

/// <summary>The published Flint.Functions bootstrap for the demo, and whether it had to be built.</summary>
internal sealed record DemoBootstrap(string Path, bool Reused, TimeSpan Elapsed)
{
    /// <summary>Sources whose change makes the published bootstrap stale (everything under src/ that a bootstrap is built from).</summary>
    private static readonly string[] InputProjects = ["Flint.Functions", "Flint.Aws", "Flint.Events", "Flint.Runtime", "Flint.Generators"];

    /// <summary>
    /// Publishes <c>src/Flint.Functions</c> AOT for linux-x64 into <c>artifacts/demo/bootstrap-dir</c> unless the bootstrap there is
    /// newer than every input. Holds <c>artifacts/publish.lock</c> (as the tests do) so concurrent publishes of the project do not race.
    /// </summary>
    public static DemoBootstrap Publish(string repoRoot, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var artifacts = System.IO.Path.Combine(repoRoot, "artifacts");
        var output = System.IO.Path.Combine(artifacts, "demo", "bootstrap-dir");
        var bootstrap = System.IO.Path.Combine(output, "bootstrap");
        Directory.CreateDirectory(artifacts);

        using var publishLock = AcquireLock(System.IO.Path.Combine(artifacts, "publish.lock"), cancellationToken);
        if (File.Exists(bootstrap) && File.GetLastWriteTimeUtc(bootstrap) > NewestInput(repoRoot))
        {
            return new DemoBootstrap(bootstrap, Reused: true, stopwatch.Elapsed);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
        };
        foreach (var arg in new[] { "publish", "src/Flint.Functions", "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
        {
            start.ArgumentList.Add(arg);
        }

        // A host started by `dotnet test`/`dotnet run` passes MSBuild variables that would point the child at the wrong SDK pieces.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(text, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellationToken.Register(() => process.Kill(entireProcessTree: true)))
        {
            process.WaitForExit();
        }

        if (process.ExitCode != 0 || !File.Exists(bootstrap))
        {
            throw new InvalidOperationException($"dotnet publish src/Flint.Functions failed (exit {process.ExitCode}):{Environment.NewLine}{text}");
        }

        // The publish may copy an older-timestamped file; mark it as built now so the next run reuses it.
        File.SetLastWriteTimeUtc(bootstrap, DateTime.UtcNow);
        return new DemoBootstrap(bootstrap, Reused: false, stopwatch.Elapsed);
    }

    private static DateTime NewestInput(string repoRoot)
    {
        var newest = new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }
            .Select(f => System.IO.Path.Combine(repoRoot, f))
            .Where(File.Exists)
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        foreach (var project in InputProjects.Select(p => System.IO.Path.Combine(repoRoot, "src", p)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
            {
                var relative = System.IO.Path.GetRelativePath(project, file);
                if (relative.StartsWith("bin" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || relative.StartsWith("obj" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                var written = File.GetLastWriteTimeUtc(file);
                newest = written > newest ? written : newest;
            }
        }

        return newest;
    }

    private static FileStream AcquireLock(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                cancellationToken.WaitHandle.WaitOne(200);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
