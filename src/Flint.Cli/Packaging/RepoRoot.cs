namespace Flint.Cli.Packaging;

/// <summary>The Flint repository, when <c>flint</c> runs inside a clone of it; user projects live anywhere else.</summary>
internal static class RepoRoot
{
    /// <summary>The nearest directory at or above <paramref name="start"/> (default: the current one) holding Flint.slnx, or null.</summary>
    public static string? TryFind(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flint.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The Flint repository root, else the current directory (where a user's artifacts/ then go).</summary>
    public static string Find(string? start = null) => TryFind(start) ?? Directory.GetCurrentDirectory();

    /// <summary>For the commands that run Flint's own functions (demo, bench): the repository, or a message and null outside one.</summary>
    public static string? Require(string command, TextWriter error)
    {
        var root = TryFind();
        if (root is null)
        {
            error.WriteLine($"flint {command}: runs the Flint repository's own functions and benchmarks; run it inside a clone of Flint (no Flint.slnx at or above {Directory.GetCurrentDirectory()}).");
        }

        return root;
    }
}
