using System.Text.RegularExpressions;
using Flint.Deploy.Tests.Cfn;
using Flint.Cli.Packaging;
using Flint.Deploy.Tests.Docker;
using Flint.Testing;
using Xunit;

namespace Flint.Deploy.Tests;

/// <summary>
/// `flint package` (src/Flint.Cli/Packaging), the Dockerfile, aws-lambda-tools-defaults.json and serverless.template
/// agree on what is published and where the package lands. The default project is resolved by the CLI's own code; the
/// other defaults are read from its source, where they are literals.
/// </summary>
public sealed partial class FlintPackageTests
{
    private static readonly string PackageCommand = Repo.Text("src/Flint.Cli/Packaging/PackageCommand.cs");

    private static readonly string Publisher = Repo.Text("src/Flint.Cli/Packaging/Publisher.cs");

    [Fact]
    public void Flint_package_publishes_the_project_the_dockerfile_and_the_lambda_tools_publish()
    {
        // What `flint package` builds when run inside the repository without --project.
        var function = FunctionProject.FromOption(given: null, RepoPaths.Root);
        var project = Path.GetRelativePath(RepoPaths.Root, function.Directory);
        var docker = Dockerfile.Parse(Repo.Text("Dockerfile")).Stages[0].All("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        Assert.Equal("src/Flint.Functions", project);
        Assert.Equal(project, Repo.Json("aws-lambda-tools-defaults.json")["project-location"]!.GetValue<string>());
        Assert.Contains($"dotnet publish {project} -c Release ", docker.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Flint_package_reads_the_shared_publish_arguments()
    {
        Assert.Contains("Path.Combine(repoRoot, \"deploy\", \"publish-args.txt\")", Publisher, StringComparison.Ordinal);
        Assert.Contains("\"-c\", \"Release\"", Publisher, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_deploys_the_zip_flint_package_writes()
    {
        var output = DefaultOf("--output");
        var codeUri = ServerlessTemplateTests.Template.Root["Globals"]!["Function"]!["CodeUri"]!.GetValue<string>();
        var architecture = ServerlessTemplateTests.Template.Root["Globals"]!["Function"]!["Architectures"]![0]!.GetValue<string>();

        Assert.Contains("Path.Combine(outputRoot, request.Architecture, \"function.zip\")", PackageCommand, StringComparison.Ordinal);
        Assert.Equal($"{output}/{architecture}/function.zip", codeUri);
    }

    private static string DefaultOf(string option)
    {
        var match = Regex.Match(PackageCommand, $"Option<string>\\(\"{Regex.Escape(option)}\"\\)[^;]*DefaultValueFactory = _ => \"(?<value>[^\"]+)\"");
        Assert.True(match.Success, $"flint package has no literal default for {option}.");
        return match.Groups["value"].Value;
    }
}
