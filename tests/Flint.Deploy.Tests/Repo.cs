using System.Text.Json;
using System.Text.Json.Nodes;
using Flint.Testing;

namespace Flint.Deploy.Tests;

/// <summary>Reads the repository's deployment files.</summary>
internal static class Repo
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static string Path(string relative) => RepoPaths.Combine(relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    /// <summary>Parses a JSON file strictly (comments skipped, as Amazon.Lambda.Tools does).</summary>
    public static JsonObject Json(string relative) =>
        JsonNode.Parse(Text(relative), documentOptions: DocumentOptions)!.AsObject();

    /// <summary>The arguments every publish of the function shares (deploy/publish-args.txt, one per line, # comments).</summary>
    public static IReadOnlyList<string> PublishArguments() =>
        Text("deploy/publish-args.txt")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
}
