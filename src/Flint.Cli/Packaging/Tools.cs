namespace Flint.Cli.Packaging;

/// <summary>Finds executables on PATH.</summary>
internal static class Tools
{
    public static string? Find(string name) =>
        Directories().Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>The executable named <paramref name="prefix"/>N with the highest N, e.g. clang-14.</summary>
    public static string? FindNewest(string prefix) =>
        Directories()
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, prefix + "*"))
            .Select(p => (Path: p, Version: int.TryParse(Path.GetFileName(p)[prefix.Length..], out var v) ? v : -1))
            .Where(p => p.Version >= 0)
            .OrderByDescending(p => p.Version)
            .Select(p => p.Path)
            .FirstOrDefault();

    private static string[] Directories() => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries);
}
