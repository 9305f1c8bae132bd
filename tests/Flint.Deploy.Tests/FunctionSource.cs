using System.Text.RegularExpressions;
using Flint.Testing;

namespace Flint.Deploy.Tests;

/// <summary>
/// What the deployable bootstrap offers, read from src/Flint.Functions' source the way a reviewer would:
/// the <c>[LambdaHandler("name")]</c> attributes (the values _HANDLER may take) and the upper-case string
/// literals (the environment variables the functions and their AWS helpers can read).
/// </summary>
internal static partial class FunctionSource
{
    public const string ProjectDirectory = "src/Flint.Functions";

    private static readonly Lazy<IReadOnlyList<(string Name, bool IsDefault)>> LazyHandlers = new(ReadHandlers);

    /// <summary>Every handler name declared with <c>[LambdaHandler]</c>.</summary>
    public static IReadOnlySet<string> HandlerNames =>
        LazyHandlers.Value.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The handler used when _HANDLER is unset, empty or <c>bootstrap</c>: the one marked IsDefault, or a lone handler.</summary>
    public static string? DefaultHandler
    {
        get
        {
            var handlers = LazyHandlers.Value;
            var marked = handlers.Where(h => h.IsDefault).Select(h => h.Name).ToList();
            return marked.Count == 1 ? marked[0] : handlers.Count == 1 ? handlers[0].Name : null;
        }
    }

    /// <summary>Upper-case string literals (e.g. <c>"SOURCE_BUCKET"</c>) in the function project and the libraries it configures itself with.</summary>
    public static IReadOnlySet<string> EnvironmentNames { get; } = ReadEnvironmentNames();

    private static List<(string, bool)> ReadHandlers()
    {
        var handlers = new List<(string, bool)>();
        foreach (var file in SourceFiles(ProjectDirectory))
        {
            foreach (Match match in HandlerAttribute().Matches(File.ReadAllText(file)))
            {
                handlers.Add((match.Groups["name"].Value, IsDefaultTrue().IsMatch(match.Groups["rest"].Value)));
            }
        }

        return handlers;
    }

    private static HashSet<string> ReadEnvironmentNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { ProjectDirectory, "src/Flint.Aws", "src/Flint.Runtime" })
        {
            foreach (var file in SourceFiles(project))
            {
                foreach (Match match in UpperCaseLiteral().Matches(File.ReadAllText(file)))
                {
                    names.Add(match.Groups["name"].Value);
                }
            }
        }

        return names;
    }

    private static IEnumerable<string> SourceFiles(string project)
    {
        var root = RepoPaths.Combine(project);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
    }

    [GeneratedRegex("""\[\s*(?:Flint\.Runtime\.)?LambdaHandler(?:Attribute)?\(\s*"(?<name>[^"]+)"(?<rest>[^\]]*)\]""")]
    private static partial Regex HandlerAttribute();

    [GeneratedRegex(@"IsDefault\s*=\s*true")]
    private static partial Regex IsDefaultTrue();

    [GeneratedRegex("\"(?<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"")]
    private static partial Regex UpperCaseLiteral();
}
