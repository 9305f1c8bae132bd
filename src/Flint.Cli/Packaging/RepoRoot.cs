namespace Flint.Cli.Packaging;

/// <summary>The repository root: the nearest directory at or above the current one holding Flint.slnx, else the current directory.</summary>
internal static class RepoRoot
{
    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flint.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
