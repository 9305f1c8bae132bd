using System.Diagnostics;
using Flint.Cli.Packaging;

namespace Flint.Cli.Demo;

/// <summary>The published Flint.Functions bootstrap for the demo, and whether it had to be built.</summary>
internal sealed record DemoBootstrap(string Path, bool Reused, TimeSpan Elapsed)
{
    /// <summary>Sources whose change makes the published bootstrap stale (everything under src/ that a bootstrap is built from).</summary>
    private static readonly string[] InputProjects = ["Flint.Functions", "Flint.Aws", "Flint.Events", "Flint.Runtime", "Flint.Generators"];

    /// <summary>
    /// Publishes <c>src/Flint.Functions</c> AOT for linux-x64 into <c>artifacts/demo/bootstrap-dir</c> unless the bootstrap there is
    /// newer than every input. Publishes through <see cref="Publisher"/>, under the lock the tests share.
    /// </summary>
    public static DemoBootstrap Publish(string repoRoot, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var artifacts = System.IO.Path.Combine(repoRoot, "artifacts");
        var output = System.IO.Path.Combine(artifacts, "demo", "bootstrap-dir");
        var bootstrap = System.IO.Path.Combine(output, "bootstrap");

        if (File.Exists(bootstrap) && File.GetLastWriteTimeUtc(bootstrap) > NewestInput(repoRoot))
        {
            return new DemoBootstrap(bootstrap, Reused: true, stopwatch.Elapsed);
        }

        // The same publish as `flint package` (shared arguments, the publish lock); its output is shown only on failure.
        cancellationToken.ThrowIfCancellationRequested();
        Publisher.Publish(new PublishRequest("src/Flint.Functions", LambdaArchitecture.X86_64, output, []), repoRoot, static _ => { });

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
}
