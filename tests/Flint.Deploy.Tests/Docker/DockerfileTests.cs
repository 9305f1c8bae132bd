using System.Text.RegularExpressions;
using Flint.Deploy.Tests.LambdaTools;
using Xunit;

namespace Flint.Deploy.Tests.Docker;

/// <summary>The Dockerfile, read without a Docker engine: stages, base images, the publish, the final image.</summary>
public sealed partial class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Parse(Repo.Text("Dockerfile"));

    private static Stage BuildStage => File.Stages[0];

    private static Stage FinalStage => File.Stages[^1];

    [Fact]
    public void Builds_on_amazon_linux_2023_and_ships_on_the_lambda_provided_al2023_image()
    {
        Assert.Equal(2, File.Stages.Count);
        Assert.Equal("public.ecr.aws/amazonlinux/amazonlinux:2023", BuildStage.Image);
        Assert.Equal("build", BuildStage.Name);
        Assert.Equal("public.ecr.aws/lambda/provided:al2023", FinalStage.Image);
        // No --platform=$BUILDPLATFORM: the bootstrap is linked on AL2023 of the target architecture, not cross-linked.
        Assert.All(File.Stages, s => Assert.Null(s.Platform));
    }

    [Fact]
    public void Every_copy_from_names_an_earlier_stage()
    {
        foreach (var stage in File.Stages)
        {
            foreach (var copy in stage.All("COPY"))
            {
                var (flags, _) = copy.FlagsAndWords();
                if (flags.TryGetValue("from", out var from))
                {
                    Assert.Contains(File.Stages.Take(stage.Index), s => s.Name == from || s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) == from);
                }
            }
        }
    }

    [Fact]
    public void The_build_stage_installs_the_native_aot_prerequisites()
    {
        var install = BuildStage.All("RUN").Select(r => r.Arguments).Single(a => a.Contains("dnf install", StringComparison.Ordinal));
        var packages = install.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("clang", packages);
        Assert.Contains("zlib-devel", packages);
        Assert.Contains("binutils", packages);
    }

    [Fact]
    public void The_sdk_version_satisfies_global_json()
    {
        var version = Version.Parse(File.GlobalArgDefault("DOTNET_SDK_VERSION")!);
        var sdk = Repo.Json("global.json")["sdk"]!;
        var wanted = Version.Parse(sdk["version"]!.GetValue<string>());

        Assert.Contains("DOTNET_SDK_VERSION", BuildStage.ArgNames);
        Assert.Contains(BuildStage.All("RUN"), r => r.Arguments.Contains("dotnet-install.sh --version \"${DOTNET_SDK_VERSION}\"", StringComparison.Ordinal));
        Assert.Equal("latestFeature", sdk["rollForward"]!.GetValue<string>());
        Assert.Equal((wanted.Major, wanted.Minor), (version.Major, version.Minor));
        Assert.True(version >= wanted, $"SDK {version} is older than global.json's {wanted}.");
    }

    [Fact]
    public void The_publish_is_flint_package_s_for_the_rid_of_the_target_architecture()
    {
        var publish = Publish();

        Assert.Equal(Repo.Json("aws-lambda-tools-defaults.json")["project-location"]!.GetValue<string>(), publish.Project);
        Assert.Equal("Release", publish.Options["-c"]);
        Assert.Equal("${rid}", publish.Options["-r"]);
        Assert.Equal(Repo.PublishArguments(), publish.Arguments);
    }

    [Fact]
    public void Docker_target_architectures_map_to_the_runtime_identifiers_of_lambda_architectures()
    {
        Assert.Contains("TARGETARCH", BuildStage.ArgNames);
        var run = BuildStage.All("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        var arms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match arm in CaseArm().Matches(run))
        {
            foreach (var pattern in arm.Groups["patterns"].Value.Split('|'))
            {
                arms[pattern] = arm.Groups["rid"].Value;
            }
        }

        Assert.Equal(LambdaToolsModel.RuntimeIdentifierFor("x86_64"), arms["amd64"]);
        Assert.Equal(LambdaToolsModel.RuntimeIdentifierFor("x86_64"), arms["x86_64"]);
        Assert.Equal(LambdaToolsModel.RuntimeIdentifierFor("arm64"), arms["arm64"]);
        Assert.Equal(LambdaToolsModel.RuntimeIdentifierFor("arm64"), arms["aarch64"]);
        Assert.Contains("${TARGETARCH:-$(uname -m)}", run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_final_image_runs_the_published_bootstrap_with_the_default_handler()
    {
        var copy = FinalStage.All("COPY").Single();
        var (flags, words) = copy.FlagsAndWords();
        var output = Publish().Options["-o"];

        Assert.Equal(BuildStage.Name, flags["from"]);
        Assert.Equal($"{output}/bootstrap", words[0]);
        Assert.Equal("${LAMBDA_RUNTIME_DIR}/bootstrap", words[1]);
        var cmd = FinalStage.All("CMD").Single().ExecForm();
        Assert.NotNull(cmd);
        Assert.Equal([FunctionSource.DefaultHandler!], cmd);
        Assert.Equal("digest", cmd[0]);
        Assert.Empty(FinalStage.All("ENTRYPOINT"));
    }

    [Fact]
    public void The_build_stage_copies_every_file_msbuild_and_the_sdk_read_from_the_root()
    {
        var copied = BuildStage.All("COPY")
            .SelectMany(c => c.FlagsAndWords().Words.SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);
        var rootBuildFiles = Directory.EnumerateFiles(Repo.Path("."))
            .Select(Path.GetFileName)
            .Where(name => name is "global.json" or ".editorconfig"
                || name!.StartsWith("Directory.", StringComparison.Ordinal)
                || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Contains("Directory.Build.targets", rootBuildFiles);
        Assert.All(rootBuildFiles, name => Assert.True(copied.Contains(name!), $"The build stage does not copy {name}; the container build would differ from flint package's."));
        Assert.Contains("src/", copied);
    }

    [Fact]
    public void Host_build_outputs_stay_out_of_the_build_context()
    {
        var ignored = Repo.Text(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("artifacts/", ignored);
    }

    [Fact]
    public void The_reader_joins_continuations_skips_comments_and_names_stages()
    {
        var parsed = Dockerfile.Parse("""
            # syntax=docker/dockerfile:1
            ARG V=1.2
            FROM --platform=$BUILDPLATFORM a:1 AS one
            RUN echo a \
            # a comment inside a continuation
             && echo b
            FROM b:2
            COPY --from=one /x /y
            CMD ["h"]
            """);

        Assert.Equal("docker/dockerfile:1", parsed.Directives["syntax"]);
        Assert.Equal("1.2", parsed.GlobalArgDefault("V"));
        Assert.Equal(("a:1", "one", "$BUILDPLATFORM"), (parsed.Stages[0].Image, parsed.Stages[0].Name, parsed.Stages[0].Platform));
        Assert.Equal("echo a   && echo b", parsed.Stages[0].All("RUN").Single().Arguments);
        Assert.Equal(["h"], parsed.Stages[1].All("CMD").Single().ExecForm());
        Assert.Throws<FormatException>(() => Dockerfile.Parse("RUN x\nFROM a"));
    }

    private static (string Project, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> Arguments) Publish()
    {
        var run = BuildStage.All("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        var command = run[(run.IndexOf("dotnet publish", StringComparison.Ordinal) + "dotnet publish".Length)..];
        var end = command.IndexOf("&&", StringComparison.Ordinal);
        var words = Words(end < 0 ? command : command[..end]);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        string? project = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "-c" or "-r" or "-o")
            {
                options[words[i]] = words[++i];
            }
            else if (project is null && !words[i].StartsWith('-'))
            {
                project = words[i];
            }
            else
            {
                rest.Add(words[i]);
            }
        }

        return (project!, options, rest);
    }

    /// <summary>Splits shell words, removing double quotes.</summary>
    private static List<string> Words(string text) =>
        ShellWord().Matches(text).Select(m => m.Value.Replace("\"", string.Empty, StringComparison.Ordinal)).ToList();

    [GeneratedRegex("""(?:"[^"]*"|[^\s"])+""")]
    private static partial Regex ShellWord();

    [GeneratedRegex(@"(?<patterns>[\w|]+)\)\s*rid=(?<rid>[\w-]+)\s*;;")]
    private static partial Regex CaseArm();
}
