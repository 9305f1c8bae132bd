using System.Security.Cryptography;
using System.Text;

namespace Flint.Cli.ColdStarts;

/// <summary>A hash of what a build depends on: source files of the given folders, the shared build files and the build settings.</summary>
internal static class SourceHash
{
    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets", ".c", ".h", ".json"];

    /// <summary>Build files every project gets: the root props/targets (which import Flint's start-up settings for every AOT bootstrap, the floors too) and the shared publish arguments.</summary>
    private static readonly string[] SharedFiles =
    [
        "Directory.Build.props", "Directory.Build.targets", "src/Flint.Runtime/buildTransitive/Flint.Runtime.targets",
        "Directory.Packages.props", "global.json", "deploy/publish-args.txt",
    ];

    public static string Of(string repoRoot, IEnumerable<string> folders, IEnumerable<string> settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = folders
            .Select(f => Path.Combine(repoRoot, f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => Extensions.Contains(Path.GetExtension(f)) || Path.GetFileName(f) == "Makefile")
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/artifacts/", StringComparison.Ordinal))
            .Concat(SharedFiles
                .Select(f => Path.Combine(repoRoot, f)).Where(File.Exists))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repoRoot, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        foreach (var setting in settings)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(setting));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
