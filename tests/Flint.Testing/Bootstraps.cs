using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Flint.Testing;

/// <summary>
/// Publishes native AOT bootstraps for tests: once per process per (project, variant, rid), under a
/// cross-process lock file in <see cref="RepoPaths.Artifacts"/> because several test projects run at once.
/// </summary>
public static partial class Bootstraps
{
    private static readonly ConcurrentDictionary<string, Lazy<PublishedBootstrap>> Cache = new();

    /// <summary>
    /// Publishes <paramref name="projectRelativePath"/> (e.g. <c>bench/Flint.Hello</c>) with
    /// <c>dotnet publish -c Release -r rid -o artifacts/publish/&lt;name&gt;/&lt;variant&gt;/&lt;rid&gt;</c>
    /// and returns the full path of the native <c>bootstrap</c>. Throws with the publish output on failure.
    /// </summary>
    public static string Publish(string projectRelativePath, string rid = "linux-x64", string? variant = null, params string[] msbuildProps)
        => PublishDetailed(projectRelativePath, rid, variant, fresh: false, msbuildProps).BootstrapPath;

    /// <summary>
    /// Like <see cref="Publish"/>, and also returns the IL/AOT warnings printed. With <paramref name="fresh"/> the
    /// project's native (ILC) output is deleted first, so the AOT compiler runs and reports every trim/AOT warning of
    /// the whole program: use that for a warnings gate. Results are cached per (project, variant, rid, fresh, props).
    /// </summary>
    public static PublishedBootstrap PublishDetailed(string projectRelativePath, string rid = "linux-x64", string? variant = null, bool fresh = false, params string[] msbuildProps)
    {
        var key = string.Join('|', projectRelativePath, rid, variant ?? "default", fresh, string.Join(';', msbuildProps));
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<PublishedBootstrap>(() => PublishLocked(projectRelativePath, rid, variant, fresh, msbuildProps)));
        return lazy.Value;
    }

    private static PublishedBootstrap PublishLocked(string projectRelativePath, string rid, string? variant, bool fresh, string[] msbuildProps)
    {
        var project = RepoPaths.Combine(projectRelativePath);
        var name = Path.GetFileName(project.TrimEnd('/'));
        var output = Path.Combine(RepoPaths.Artifacts, "publish", name, variant ?? "default", rid);
        Directory.CreateDirectory(RepoPaths.Artifacts);

        using var publishLock = CrossProcessLock.Acquire(Path.Combine(RepoPaths.Artifacts, "publish.lock"));
        var args = new List<string> { "publish", project, "-c", "Release", "-r", rid, "-o", output, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        if (fresh)
        {
            ForgetNativeCode(project, rid);
        }

        args.AddRange(msbuildProps.Select(p => p.StartsWith('-') ? p : "-p:" + p));

        var (exitCode, text) = DotnetCli(args);
        if (exitCode != 0 && text.Contains("being used by another process", StringComparison.Ordinal))
        {
            // Another engineer's or project's build held a file outside our lock: once more.
            (exitCode, text) = DotnetCli(args);
        }

        var bootstrap = Path.Combine(output, "bootstrap");
        if (exitCode != 0 || !File.Exists(bootstrap))
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed (exit {exitCode}):{Environment.NewLine}{text}");
        }

        return new PublishedBootstrap(bootstrap, ParseWarnings(text), text);
    }

    /// <summary>Deletes the project's ILC output for <paramref name="rid"/>, so the AOT compiler runs again and reports every warning.</summary>
    private static void ForgetNativeCode(string project, string rid)
    {
        var obj = Path.Combine(Directory.Exists(project) ? project : Path.GetDirectoryName(project)!, "obj", "Release");
        if (!Directory.Exists(obj))
        {
            return;
        }

        foreach (var native in Directory.GetDirectories(obj, "native", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(Path.GetDirectoryName(native)) == rid)
            {
                Directory.Delete(native, recursive: true);
            }
        }
    }

    /// <summary>The distinct trim/AOT warnings in a build log: <c>warning IL….</c> lines and "AOT analysis" lines.</summary>
    public static IReadOnlyList<string> ParseWarnings(string buildOutput)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in buildOutput.Split('\n'))
        {
            if (WarningPattern().IsMatch(line))
            {
                found.Add(line.Trim());
            }
        }

        return [.. found];
    }

    [GeneratedRegex(@"warning IL\d{4}|AOT analysis", RegexOptions.CultureInvariant)]
    private static partial Regex WarningPattern();

    /// <summary>The dotnet CLI from the repository root, as <see cref="Shell"/> runs commands.</summary>
    private static (int ExitCode, string Output) DotnetCli(IEnumerable<string> args)
    {
        var result = Shell.Run(RepoPaths.Root, "dotnet", args, timeout: TimeSpan.FromMinutes(30));
        return (result.ExitCode, result.Output);
    }
}
