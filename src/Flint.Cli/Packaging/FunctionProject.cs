namespace Flint.Cli.Packaging;

/// <summary>A function's project, as <c>--project</c> names it: a folder holding one project file, or the file itself.</summary>
/// <param name="File">The project file.</param>
internal sealed record FunctionProject(string File)
{
    /// <summary>The folder of the project file (what the cold-start cache hashes).</summary>
    public string Directory => Path.GetDirectoryName(File)!;

    /// <summary>The project's name: its file name without <c>.csproj</c>.</summary>
    public string Name => Path.GetFileNameWithoutExtension(File);

    /// <summary>
    /// Resolves <paramref name="path"/> against the current directory: a project file, a folder holding one, or the root of
    /// a <c>dotnet new flint-function</c> layout (no project of its own, exactly one under <c>src/*/</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No project there, or a folder with several.</exception>
    public static FunctionProject Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (System.IO.File.Exists(full) && full.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
        {
            return new FunctionProject(full);
        }

        if (!System.IO.Directory.Exists(full))
        {
            throw new ArgumentException($"no project at {full}");
        }

        var projects = System.IO.Directory.GetFiles(full, "*.csproj");
        var src = Path.Combine(full, "src");
        if (projects.Length == 0 && System.IO.Directory.Exists(src))
        {
            projects = System.IO.Directory.GetDirectories(src).SelectMany(d => System.IO.Directory.GetFiles(d, "*.csproj")).ToArray();
        }

        return projects.Length switch
        {
            1 => new FunctionProject(projects[0]),
            0 => throw new ArgumentException($"no .csproj in {full} (nor in its src/*/ folders); --project names the function's project folder or file"),
            _ => throw new ArgumentException($"{full} holds {projects.Length} projects; name one with --project {Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), projects.Order(StringComparer.Ordinal).First())}"),
        };
    }

    /// <summary><c>--project</c>'s value, or its default: this repository's src/Flint.Functions inside a Flint clone, else the current folder.</summary>
    public static FunctionProject FromOption(string? given, string? repoRoot) =>
        Find(given ?? (repoRoot is null ? "." : Path.Combine(repoRoot, "src", "Flint.Functions")));
}
