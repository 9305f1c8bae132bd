using System.Text.RegularExpressions;

namespace Flint.Cli.LambdaReports;

/// <summary>
/// What Lambda's log names tell: the function from the log group <c>/aws/lambda/&lt;name&gt;</c>, the version from the log
/// stream <c>YYYY/MM/DD/[VERSION]hash</c>, and — by naming convention only, since REPORT lines do not carry it — the
/// architecture from a function, log group or log stream name that contains <c>arm64</c>/<c>aarch64</c> or
/// <c>x86_64</c>/<c>x86-64</c>/<c>amd64</c>.
/// </summary>
internal static partial class LogNames
{
    [GeneratedRegex(@"/aws/lambda/(?<name>[A-Za-z0-9_\-]+)")]
    private static partial Regex LogGroupPattern();

    [GeneratedRegex(@"\b(?<stream>\d{4}/\d{2}/\d{2}/\[(?<version>[^\]\s]+)\][0-9A-Za-z]+)")]
    private static partial Regex LogStreamPattern();

    [GeneratedRegex(@"(?:^|[^A-Za-z0-9])(?:arm64|aarch64|graviton)(?:$|[^A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex ArmPattern();

    [GeneratedRegex(@"(?:^|[^A-Za-z0-9])(?:x86_64|x86-64|x64|amd64)(?:$|[^A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex X64Pattern();

    public static string? FindLogGroup(string text) => LogGroupPattern().Match(text) is { Success: true } m ? "/aws/lambda/" + m.Groups["name"].Value : null;

    public static string? FindLogStream(string text) => LogStreamPattern().Match(text) is { Success: true } m ? m.Groups["stream"].Value : null;

    /// <summary>The function name of a <c>/aws/lambda/&lt;name&gt;</c> log group, or null for other groups.</summary>
    public static string? FunctionOf(string? logGroup) =>
        logGroup is not null && LogGroupPattern().Match(logGroup) is { Success: true } m ? m.Groups["name"].Value : null;

    /// <summary>The version in brackets of a Lambda log stream name (<c>$LATEST</c>, <c>7</c>), or null.</summary>
    public static string? VersionOf(string? logStream) =>
        logStream is not null && LogStreamPattern().Match(logStream) is { Success: true } m ? m.Groups["version"].Value : null;

    /// <summary><c>arm64</c> or <c>x86_64</c> when one of <paramref name="names"/> says so by convention, otherwise null.</summary>
    public static string? ArchitectureOf(params string?[] names)
    {
        foreach (var name in names)
        {
            if (name is null)
            {
                continue;
            }

            if (ArmPattern().IsMatch(name))
            {
                return "arm64";
            }

            if (X64Pattern().IsMatch(name))
            {
                return "x86_64";
            }
        }

        return null;
    }
}
