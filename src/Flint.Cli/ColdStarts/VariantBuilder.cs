using System.Diagnostics;
using System.IO.Compression;
using Flint.Cli.Packaging;

namespace Flint.Cli.ColdStarts;

/// <summary>A built variant, ready to spawn.</summary>
/// <param name="Variant">What was built.</param>
/// <param name="BootstrapPath">The executable Flint.Local spawns.</param>
/// <param name="BootstrapBytes">Its size.</param>
/// <param name="DeployedBytes">What would be deployed, unzipped: the bootstrap, plus the assemblies for managed variants.</param>
/// <param name="ZipBytes">The same files zipped.</param>
/// <param name="Hash">The source hash naming its cache folder.</param>
/// <param name="Cached">Whether an earlier build was reused.</param>
internal sealed record BuiltVariant(Variant Variant, string BootstrapPath, long BootstrapBytes, long DeployedBytes, long ZipBytes, string Hash, bool Cached);

/// <summary>Builds variants into artifacts/coldstart/&lt;variant&gt;/&lt;hash&gt;/, reusing a build whose sources and settings are unchanged.</summary>
internal static class VariantBuilder
{
    private static readonly string[] NotDeployed = [".dbg", ".pdb", ".xml"];

    public static BuiltVariant Build(Variant variant, FunctionUnderTest run, string repoRoot, Action<string> log)
    {
        var function = variant.Reference ?? run;
        var project = variant.Project ?? function.Project;
        var folders = variant.Project is null ? function.SourceFolders : [variant.Project];
        var hash = SourceHash.Of(repoRoot, folders, [project, variant.Kind.ToString(), .. variant.Properties, LambdaArchitecture.Host]);
        var directory = Path.Combine(repoRoot, "artifacts", "coldstart", function.Name, variant.BuildName, hash);
        var bootstrap = Path.Combine(directory, "bootstrap");
        var cached = File.Exists(bootstrap);
        if (!cached)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            switch (variant.Kind)
            {
                case BuildKind.C:
                    CompileFloor(repoRoot, bootstrap, log);
                    break;
                case BuildKind.NativeAot:
                case BuildKind.Managed:
                    Publisher.Publish(
                        new PublishRequest(Path.Combine(repoRoot, project), LambdaArchitecture.Host, directory, variant.Properties, variant.Kind == BuildKind.NativeAot),
                        repoRoot, log);
                    break;
            }

            if (variant.ScriptBootstrap)
            {
                // As the managed runtime does: the dotnet host runs the entry assembly.
                File.WriteAllText(bootstrap, "#!/bin/sh\nexec dotnet \"$(dirname \"$0\")/bootstrap.dll\" \"$@\"\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(bootstrap, (UnixFileMode)0b111_101_101);
                }
            }
        }

        var deployed = Directory.EnumerateFiles(directory).Where(f => !NotDeployed.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray();
        return new BuiltVariant(variant, bootstrap, new FileInfo(bootstrap).Length, deployed.Sum(f => new FileInfo(f).Length), ZipSize(deployed), hash, cached);
    }

    private static void CompileFloor(string repoRoot, string output, Action<string> log)
    {
        var compiler = Tools.Find("cc") ?? Tools.Find("gcc") ?? Tools.Find("clang") ?? Tools.FindNewest("clang-") ?? "cc";
        // bench/floor/Makefile is the one recipe (the tests build theirs with it too).
        var start = new ProcessStartInfo("make") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-s", "-C", Path.Combine(repoRoot, "bench", "floor"), "CC=" + compiler, "OUT=" + output })
        {
            start.ArgumentList.Add(arg);
        }

        log($"make {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new PublishException($"make -C bench/floor failed: {errors}");
        }
    }

    private static long ZipSize(IEnumerable<string> files)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.SmallestSize);
            }
        }

        return memory.Length;
    }
}
