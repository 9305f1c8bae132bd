using System.CommandLine;
using Flint.Cli.Verification;

namespace Flint.Cli.Packaging;

/// <summary><c>flint package</c>: publish the bootstrap with Native AOT, zip it as Lambda wants it, verify the zip.</summary>
internal static class PackageCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = "Lambda architecture; arm64 cross-compiles on an x64 host (clang, lld, crossbuild-essential-arm64)", DefaultValueFactory = _ => LambdaArchitecture.X86_64 };
        arch.AcceptOnlyFromAmong(LambdaArchitecture.X86_64, LambdaArchitecture.Arm64);
        var project = new Option<string?>("--project") { Description = "The function's project folder or .csproj (default: src/Flint.Functions inside the Flint repository, else the current folder)" };
        var output = new Option<string>("--output") { Description = "Where <arch>/function.zip goes (relative paths: under the Flint repository's root, else the current folder)", DefaultValueFactory = _ => "artifacts" };
        var maxSize = new Option<double>("--max-size-mb") { Description = "Budget for the uncompressed bootstrap, in MiB", DefaultValueFactory = _ => VerifyOptions.DefaultMaxSizeMb };
        var properties = new Option<string[]>("--property", "-p") { Description = "Extra MSBuild property for the publish (Name=Value)", AllowMultipleArgumentsPerToken = false };
        var verbose = new Option<bool>("--verbose") { Description = "Print dotnet publish's output" };
        var awsRoots = new Option<bool>("--aws-roots")
        {
            Description = "Add aws-roots.pem (Amazon Trust Services' roots, which AWS service endpoints of the standard partition chain to) beside bootstrap; with SSL_CERT_FILE=/var/task/aws-roots.pem "
                + "and SSL_CERT_DIR=/var/task/no-certs on the function, its first TLS handshake loads 5 roots instead of the system bundle (README: TLS roots)",
        };
        var command = new Command("package", "Publish the bootstrap (Native AOT, linux-x64 or linux-arm64), write <output>/<arch>/function.zip with bootstrap at the root (mode 755, no .dbg), then verify it")
        {
            arch, project, output, maxSize, properties, verbose, awsRoots,
        };
        command.SetAction(parse =>
        {
            var architecture = parse.GetValue(arch)!;
            var repoRoot = RepoRoot.TryFind();
            FunctionProject function;
            try
            {
                function = FunctionProject.FromOption(parse.GetValue(project), repoRoot);
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"flint package: {e.Message}");
                return 2;
            }

            var request = new PackageRequest(function.File, architecture, parse.GetValue(output)!,
                (parse.GetValue(properties) ?? []).Select(p => p.StartsWith('-') ? p : "-p:" + p).ToArray(),
                new VerifyOptions(architecture, parse.GetValue(maxSize)), parse.GetValue(awsRoots));
            return Run(request, repoRoot ?? Directory.GetCurrentDirectory(), parse.InvocationConfiguration.Output, parse.GetValue(verbose));
        });
        return command;
    }

    /// <summary>Publishes, zips and verifies; 0 when the zip passes every check.</summary>
    public static int Run(PackageRequest request, string repoRoot, TextWriter output, bool verbose)
    {
        var outputRoot = Path.GetFullPath(request.OutputDirectory, repoRoot);
        var publishDirectory = Path.Combine(outputRoot, "publish", request.Architecture);
        var zipPath = Path.Combine(outputRoot, request.Architecture, "function.zip");
        string bootstrap;
        try
        {
            bootstrap = Publisher.Publish(
                new PublishRequest(Path.GetFullPath(request.Project, repoRoot), request.Architecture, publishDirectory, request.Properties),
                repoRoot,
                line =>
                {
                    if (verbose || line.StartsWith("dotnet publish", StringComparison.Ordinal) || line.Contains("error", StringComparison.OrdinalIgnoreCase))
                    {
                        output.WriteLine(line);
                    }
                });
        }
        catch (PublishException e)
        {
            output.WriteLine($"flint package: {e.Message}");
            if (LambdaArchitecture.IsCross(request.Architecture))
            {
                output.WriteLine("flint package: cross-compiling to arm64 needs: apt-get install -y clang lld crossbuild-essential-arm64 binutils-aarch64-linux-gnu");
            }

            return 1;
        }

        LambdaZip.Write(zipPath, bootstrap, request.AwsRoots);
        output.WriteLine($"wrote {zipPath} ({new FileInfo(zipPath).Length / 1048576.0:0.00} MiB; bootstrap {new FileInfo(bootstrap).Length / 1048576.0:0.00} MiB)");
        var result = ArtifactVerifier.Verify(zipPath, request.Verify);
        VerifyCommand.Print(result, output);
        return result.Passed ? 0 : 1;
    }
}

/// <summary>What <c>flint package</c> builds and where.</summary>
/// <param name="Project">The project file or folder.</param>
/// <param name="Architecture">x86_64 or arm64.</param>
/// <param name="OutputDirectory">Where &lt;arch&gt;/function.zip goes.</param>
/// <param name="Properties">Extra MSBuild arguments of the publish.</param>
/// <param name="Verify">What the zip is checked against.</param>
/// <param name="AwsRoots">Also put aws-roots.pem in the zip.</param>
internal sealed record PackageRequest(string Project, string Architecture, string OutputDirectory, IReadOnlyList<string> Properties, VerifyOptions Verify, bool AwsRoots = false);
