using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Flint.Deploy.Tests.LambdaTools;

/// <summary>aws-lambda-tools-defaults.json, checked against what Amazon.Lambda.Tools does with each key.</summary>
public sealed class AwsLambdaToolsDefaultsTests
{
    private const string FileName = "aws-lambda-tools-defaults.json";

    private static readonly JsonObject Defaults = Repo.Json(FileName);

    private static string Value(string key) => Defaults[key]!.GetValue<string>();

    private static string ProjectFile()
    {
        var directory = Repo.Path(Value("project-location"));
        var projects = Directory.GetFiles(directory, "*.csproj", SearchOption.TopDirectoryOnly);
        Assert.True(projects.Length == 1, $"The tool needs exactly one .csproj in {directory}; found {projects.Length}.");
        return projects[0];
    }

    [Fact]
    public void Every_key_is_an_option_the_tool_reads_with_the_json_kind_it_expects()
    {
        foreach (var (key, value) in Defaults)
        {
            if (LambdaToolsModel.DocumentationKeys.Contains(key))
            {
                continue;
            }

            Assert.True(LambdaToolsModel.Options.TryGetValue(key, out var kind), $"'{key}' is not an option of deploy-function, package or deploy-serverless.");
            var actual = value!.GetValueKind();
            var readable = kind switch
            {
                OptionKind.Int => actual == JsonValueKind.Number,
                OptionKind.Bool => actual is JsonValueKind.True or JsonValueKind.False,
                _ => actual == JsonValueKind.String,
            };
            Assert.True(readable, $"'{key}' is read as {kind}; a JSON {actual} would be ignored.");
        }
    }

    [Fact]
    public void Runtime_is_provided_al2023_and_the_handler_is_one_the_bootstrap_dispatches_to()
    {
        Assert.Equal("provided.al2023", Value("function-runtime"));
        var handler = Value("function-handler");
        var resolved = handler == "bootstrap" ? FunctionSource.DefaultHandler : handler;
        Assert.NotNull(resolved);
        Assert.Contains(resolved, FunctionSource.HandlerNames);
        Assert.Equal("digest", resolved);
    }

    [Fact]
    public void Architecture_maps_to_the_runtime_identifier_the_tool_publishes_for()
    {
        var architecture = Value("function-architecture");
        Assert.Equal("linux-x64", LambdaToolsModel.RuntimeIdentifierFor(architecture));
        Assert.DoesNotContain("--runtime", Value("msbuild-parameters"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" -r ", $" {Value("msbuild-parameters")} ", StringComparison.Ordinal);
    }

    [Fact]
    public void Project_location_evaluates_as_a_native_aot_exe_named_bootstrap_with_the_msbuild_parameters()
    {
        var properties = LambdaToolsModel.EvaluateProject(
            ProjectFile(), Value("msbuild-parameters"), "TargetFramework", "OutputType", "AssemblyName", "PublishAot", "SelfContained");

        Assert.NotNull(properties);
        Assert.Equal(Value("framework"), properties["TargetFramework"]);
        Assert.Equal("Exe", properties["OutputType"], ignoreCase: true);
        Assert.Equal("bootstrap", properties["AssemblyName"]);
        Assert.Equal("true", properties["PublishAot"], ignoreCase: true);
        Assert.Equal("true", properties["SelfContained"], ignoreCase: true);
    }

    [Fact]
    public void The_tool_native_aot_detection_finds_publish_aot_without_command_line_parameters()
    {
        // LookPublishAotFlag reads only the command line's --msbuild-parameters, then evaluates the project.
        var properties = LambdaToolsModel.EvaluateProject(ProjectFile(), string.Empty, "PublishAot", "OutputType");

        Assert.NotNull(properties);
        Assert.Equal("true", properties["PublishAot"], ignoreCase: true);
    }

    [Fact]
    public void Msbuild_parameters_are_the_shared_publish_arguments()
    {
        var tokens = Value("msbuild-parameters").Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Repo.PublishArguments(), tokens);
        Assert.Equal("Release", Value("configuration"));
    }

    [Fact]
    public void The_local_publish_the_tool_runs_is_self_contained_aot_stripped_for_the_architecture()
    {
        var arguments = LambdaToolsModel.LocalPublishArguments(Defaults, selfContainedIsExplicit: true);
        var line = string.Join(' ', arguments);

        Assert.False(Defaults["use-container-for-build"]!.GetValue<bool>(), "use-container-for-build must be false to build on this machine without Docker.");
        Assert.Contains("--runtime linux-x64", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--self-contained False", line, StringComparison.Ordinal);
        Assert.Contains("-p:SelfContained=true", arguments);
        Assert.Contains("-p:StripSymbols=true", arguments);
        // PublishAot comes from the project: as a global property it would reach the netstandard2.0 generator (NETSDK1207).
        Assert.DoesNotContain(arguments, a => a.Contains("PublishAot", StringComparison.OrdinalIgnoreCase));
        Assert.Single(arguments, a => a == "--runtime");
    }

    [Fact]
    public void Without_an_explicit_self_contained_the_tool_would_publish_framework_dependent()
    {
        // Why publish-args.txt sets SelfContained: the tool's local path appends "--self-contained False" otherwise.
        var bare = new JsonObject
        {
            ["project-location"] = Value("project-location"),
            ["configuration"] = "Release",
            ["framework"] = Value("framework"),
            ["function-architecture"] = "arm64",
            ["msbuild-parameters"] = "-p:PublishAot=true",
        };

        var line = string.Join(' ', LambdaToolsModel.LocalPublishArguments(bare, selfContainedIsExplicit: false));

        Assert.EndsWith("--runtime linux-arm64 --self-contained False", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_parse_into_distinct_names_the_functions_read()
    {
        var pairs = LambdaToolsModel.ParseKeyValuePairs(Value("environment-variables"));
        var names = pairs.Select(p => p.Key).ToList();

        Assert.Equal(["SOURCE_BUCKET", "SOURCE_PREFIX", "REPORT_BUCKET", "REPORT_PREFIX"], names);
        Assert.All(pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), $"{p.Key} has no value."));
        Assert.All(names, n => Assert.True(FunctionSource.EnvironmentNames.Contains(n), $"No function reads {n}."));
        Assert.Equal("logs/{yyyy}/{MM}/{dd}/", pairs.Single(p => p.Key == "SOURCE_PREFIX").Value);
    }

    [Fact]
    public void Template_parameters_are_serverless_template_parameters_and_agree_with_the_environment()
    {
        Assert.True(File.Exists(Repo.Path(Value("template"))), $"{Value("template")} does not exist.");
        var parameters = Repo.Json(Value("template"))["Parameters"]!.AsObject();
        var environment = LambdaToolsModel.ParseKeyValuePairs(Value("environment-variables")).ToDictionary(p => p.Key, p => p.Value);

        var given = LambdaToolsModel.ParseKeyValuePairs(Value("template-parameters"));

        Assert.All(given, p => Assert.True(parameters.ContainsKey(p.Key), $"serverless.template has no parameter {p.Key}."));
        Assert.Equal(environment["SOURCE_BUCKET"], given.Single(p => p.Key == "SourceBucket").Value);
        Assert.Equal(environment["REPORT_BUCKET"], given.Single(p => p.Key == "ReportBucket").Value);
        Assert.Equal(environment["SOURCE_PREFIX"], parameters["SourcePrefix"]!["Default"]!.GetValue<string>());
        Assert.Equal(environment["REPORT_PREFIX"], parameters["ReportPrefix"]!["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Memory_and_timeout_are_within_lambda_limits()
    {
        var memory = Defaults["function-memory-size"]!.GetValue<int>();
        var timeout = Defaults["function-timeout"]!.GetValue<int>();

        Assert.InRange(memory, 128, 10240);
        Assert.InRange(timeout, 1, 900);
    }

    [Fact]
    public void The_key_value_parser_reads_quotes_and_empty_values_like_the_tool()
    {
        var pairs = LambdaToolsModel.ParseKeyValuePairs("\"A\"=\"x;y\";B=;C=z");

        Assert.Equal([new("A", "x;y"), new("B", ""), new("C", "z")], pairs);
    }
}
