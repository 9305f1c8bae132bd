namespace Flint.Testing;

/// <summary>Where the repository and its git-ignored build outputs are, found from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory that contains <c>Flint.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>Root/artifacts</c>: git-ignored outputs shared by test runs (published bootstraps, lock files).</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Combines <paramref name="relative"/> (forward slashes allowed) with <see cref="Root"/>.</summary>
    public static string Combine(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flint.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Flint.slnx above {AppContext.BaseDirectory}.");
    }
}
