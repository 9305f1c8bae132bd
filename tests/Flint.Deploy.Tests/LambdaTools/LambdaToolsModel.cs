using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flint.Deploy.Tests.LambdaTools;

/// <summary>How Amazon.Lambda.Tools reads a value from aws-lambda-tools-defaults.json.</summary>
internal enum OptionKind
{
    /// <summary>Read with <c>as string</c>; a number is also accepted (ToString).</summary>
    String,

    /// <summary>Read only when the JSON value is a number (<c>is int</c>); a string is silently ignored.</summary>
    Int,

    /// <summary>Read only when the JSON value is true/false (<c>is bool</c>).</summary>
    Bool,

    /// <summary>Read with <c>as string</c> and parsed as <c>k1=v1;k2=v2</c>; a JSON object is silently ignored.</summary>
    KeyValuePairs,
}

/// <summary>
/// What Amazon.Lambda.Tools (aws/aws-extensions-for-dotnet-cli, read at commit e3b14c3) does with the keys Flint sets.
/// The file's keys are the command switches without "--" (DefaultConfigFile.this[]); the kinds follow
/// BaseCommand.Get*ValueOrDefault; the publish command follows LambdaDotNetCLIWrapper.GetPublishArguments on the
/// local (non-container) path, which is the one use-container-for-build=false selects.
/// </summary>
internal static class LambdaToolsModel
{
    /// <summary>The options of deploy-function, package and deploy-serverless that Flint's file may use.</summary>
    public static readonly IReadOnlyDictionary<string, OptionKind> Options = new Dictionary<string, OptionKind>(StringComparer.Ordinal)
    {
        ["profile"] = OptionKind.String,
        ["region"] = OptionKind.String,
        ["configuration"] = OptionKind.String,
        ["framework"] = OptionKind.String,
        ["project-location"] = OptionKind.String,
        ["msbuild-parameters"] = OptionKind.String,
        ["use-container-for-build"] = OptionKind.Bool,
        ["container-image-for-build"] = OptionKind.String,
        ["function-name"] = OptionKind.String,
        ["function-description"] = OptionKind.String,
        ["function-runtime"] = OptionKind.String,
        ["function-handler"] = OptionKind.String,
        ["function-architecture"] = OptionKind.String,
        ["function-memory-size"] = OptionKind.Int,
        ["function-timeout"] = OptionKind.Int,
        ["function-role"] = OptionKind.String,
        ["environment-variables"] = OptionKind.KeyValuePairs,
        ["tags"] = OptionKind.KeyValuePairs,
        ["resolve-s3"] = OptionKind.Bool,
        ["s3-bucket"] = OptionKind.String,
        ["s3-prefix"] = OptionKind.String,
        ["template"] = OptionKind.String,
        ["stack-name"] = OptionKind.String,
        ["template-parameters"] = OptionKind.KeyValuePairs,
    };

    /// <summary>Keys the tool ignores and templates use for prose.</summary>
    public static readonly IReadOnlySet<string> DocumentationKeys = new HashSet<string>(StringComparer.Ordinal) { "Information" };

    /// <summary>LambdaUtilities.DetermineRuntimeParameter: the --runtime the tool adds for an architecture.</summary>
    public static string RuntimeIdentifierFor(string architecture) => architecture switch
    {
        "x86_64" => "linux-x64",
        "arm64" => "linux-arm64",
        _ => throw new ArgumentException($"Lambda has no architecture '{architecture}'; use x86_64 or arm64.", nameof(architecture)),
    };

    /// <summary>Utilities.ParseKeyValueOption: <c>k1=v1;k2=v2</c>, either side optionally in double quotes.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseKeyValuePairs(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var position = 0;
        while (position < text.Length)
        {
            var name = NextToken(text, '=', ref position);
            var value = NextToken(text, ';', ref position);
            if (name.Length == 0)
            {
                throw new FormatException($"'{text}' is not <key1>=<value1>;<key2>=<value2>.");
            }

            pairs.Add(new(name, value));
        }

        return pairs;
    }

    private static string NextToken(string text, char end, ref int position)
    {
        if (position >= text.Length)
        {
            return string.Empty;
        }

        string token;
        if (text[position] == '"')
        {
            var close = text.IndexOf('"', position + 1);
            if (close < 0)
            {
                throw new FormatException($"Unclosed quote in '{text}'.");
            }

            token = text[(position + 1)..close];
            position = close + 1;
            var next = text.IndexOf(end, position);
            position = next < 0 ? text.Length : next + 1;
            return token;
        }

        var stop = text.IndexOf(end, position);
        token = stop < 0 ? text[position..] : text[position..stop];
        position = stop < 0 ? text.Length : stop + 1;
        return token.Trim();
    }

    /// <summary>
    /// The arguments the tool gives <c>dotnet</c> on a local build (GetPublishArguments without isNativeAot, as
    /// LambdaDotNetCLIWrapper.Publish calls it): the msbuild parameters verbatim, then --runtime unless they name one,
    /// then <c>--self-contained False</c> unless they (or the project evaluated with them) set it.
    /// </summary>
    public static IReadOnlyList<string> LocalPublishArguments(JsonObject defaults, bool selfContainedIsExplicit)
    {
        var msbuild = defaults["msbuild-parameters"]!.GetValue<string>();
        var arguments = new List<string>
        {
            "publish", defaults["project-location"]!.GetValue<string>(),
            "--output", "<publish-dir>",
            "--configuration", defaults["configuration"]!.GetValue<string>(),
            "--framework", defaults["framework"]!.GetValue<string>(),
        };
        arguments.AddRange(msbuild.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        arguments.Add("/p:GenerateRuntimeConfigurationFiles=true");
        if (!msbuild.Contains("--runtime", StringComparison.OrdinalIgnoreCase))
        {
            arguments.Add("--runtime");
            arguments.Add(RuntimeIdentifierFor(defaults["function-architecture"]!.GetValue<string>()));
        }

        if (!selfContainedIsExplicit && !msbuild.Contains("--self-contained", StringComparison.OrdinalIgnoreCase))
        {
            arguments.Add("--self-contained");
            arguments.Add("False");
        }

        return arguments;
    }

    /// <summary>
    /// Utilities.LookupProjectProperties: <c>dotnet msbuild &lt;project&gt; -nologo --getProperty:... &lt;msbuild-parameters&gt;</c>.
    /// Returns null when MSBuild rejects the command (the tool then falls back to reading the .csproj XML).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? EvaluateProject(string projectFile, string msbuildParameters, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(projectFile);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add($"--getProperty:{string.Join(',', properties)}");
        foreach (var argument in msbuildParameters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        if (process.ExitCode != 0)
        {
            return null;
        }

        if (properties.Length == 1)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { [properties[0]] = output.Trim() };
        }

        using var json = JsonDocument.Parse(Encoding.UTF8.GetBytes(output));
        return json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }
}
