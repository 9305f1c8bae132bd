using System.Text.RegularExpressions;
using Flint.Testing;

namespace Flint.Deploy.Tests;

/// <summary>
/// The JSON property names of the functions' input and result types, read from src/Flint.Functions' source
/// (camelCase, as FunctionsJsonContext writes them; it reads case-insensitively), so the state machine's
/// paths can be checked against what the handlers actually take and return.
/// </summary>
internal static partial class FunctionContracts
{
    private static readonly Lazy<string> Source = new(() => string.Join('\n',
        Directory.EnumerateFiles(RepoPaths.Combine(FunctionSource.ProjectDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    /// <summary>The camelCase property names of the record or class <paramref name="typeName"/>.</summary>
    public static IReadOnlySet<string> PropertiesOf(string typeName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var record = Regex.Match(Source.Value, $@"record\s+{typeName}\s*\((?<parameters>[^)]*)\)");
        if (record.Success)
        {
            foreach (var parameter in record.Groups["parameters"].Value.Split(','))
            {
                names.Add(CamelCase(parameter.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
            }
        }

        var type = Regex.Match(Source.Value, $@"(class|record)\s+{typeName}\b[^{{;]*\{{(?<body>.*?)\n\}}", RegexOptions.Singleline);
        if (type.Success)
        {
            foreach (Match property in Property().Matches(type.Groups["body"].Value))
            {
                names.Add(CamelCase(property.Groups["name"].Value));
            }
        }

        return names;
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"public\s+(?:required\s+)?[\w<>?,\s\[\]]+?\s+(?<name>[A-Z]\w*)\s*\{\s*get;")]
    private static partial Regex Property();
}
