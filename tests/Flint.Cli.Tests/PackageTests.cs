using System.IO.Compression;
using Flint.Cli.Packaging;
using Flint.Cli.Verification;
using Flint.Local;

namespace Flint.Cli.Tests;

public sealed class PackageTests
{
    private static readonly string Root = RepoRoot.Find(AppContext.BaseDirectory);

    private static async Task<(int Exit, string Zip, string Output)> Package(string architecture)
    {
        var output = new StringWriter();
        var directory = Fixture.TempDirectory();
        var exit = PackageCommand.Run(
            new PackageRequest("bench/Flint.Hello", architecture, directory, [], new VerifyOptions(architecture)), Root, output, verbose: false);
        await Task.CompletedTask;
        return (exit, Path.Combine(directory, architecture, "function.zip"), output.ToString());
    }

    private static string Extract(string zip)
    {
        var directory = Fixture.TempDirectory();
        ZipFile.ExtractToDirectory(zip, directory); // .NET restores the unix mode from the entry's external attributes
        return Path.Combine(directory, "bootstrap");
    }

    private static async Task<InvocationResult> Invoke(string bootstrap, string architecture, string payload)
    {
        await using var lambda = await LambdaEmulator.StartAsync();
        await lambda.AddFunctionAsync(new FunctionDefinition
        {
            Name = "hello", BootstrapPath = bootstrap, Architecture = architecture, Timeout = TimeSpan.FromMinutes(1),
        });
        return await lambda.InvokeAsync("hello", payload);
    }

    [Fact]
    public async Task Package_x86_64_writes_a_verified_zip_whose_bootstrap_answers_under_Flint_Local()
    {
        var (exit, zip, output) = await Package("x86_64");

        Assert.True(exit == 0, output);
        Assert.Contains("verify: all checks passed", output);
        using (var archive = ZipFile.OpenRead(zip))
        {
            var entry = Assert.Single(archive.Entries);
            Assert.Equal("bootstrap", entry.FullName);
            Assert.Equal(0b111_101_101, (entry.ExternalAttributes >> 16) & 0x1FF);
        }

        var result = await Invoke(Extract(zip), "x86_64", "{\"hello\":\"x86_64\"}");

        Assert.Null(result.FunctionError);
        Assert.Equal("{\"hello\":\"x86_64\"}", result.PayloadText);
        Assert.True(result.Report!.Cold);
    }

    [Fact]
    public async Task Package_arm64_cross_compiles_and_the_bootstrap_answers_under_qemu()
    {
        var (exit, zip, output) = await Package("arm64");

        Assert.True(exit == 0, output);
        Assert.True(ArtifactVerifier.Verify(zip, new VerifyOptions("arm64")).Passed, output);
        var bootstrap = Extract(zip);
        Assert.Equal(Elf.ElfFile.MachineAarch64, Elf.ElfFile.Parse(File.ReadAllBytes(bootstrap)).Machine);

        var result = await Invoke(bootstrap, "arm64", "{\"hello\":\"arm64\"}");

        Assert.Null(result.FunctionError);
        Assert.Equal("{\"hello\":\"arm64\"}", result.PayloadText);
    }

    [Fact]
    public void Arm64_publish_on_an_x64_host_names_clang_as_the_cross_linker()
    {
        var args = Publisher.Arguments(new PublishRequest("src/Flint.Functions", "arm64", "/tmp/out", ["-p:Extra=1"]), Root);

        Assert.Equal(["publish", "src/Flint.Functions", "-c", "Release", "-r", "linux-arm64", "-o", "/tmp/out", "-nologo"], args.Take(9));
        Assert.DoesNotContain("-p:PublishAot=true", args); // the projects set it; globally it breaks the generator project (NETSDK1207)
        Assert.Contains("-p:StripSymbols=true", args);
        Assert.Contains(args, a => a.StartsWith("-p:CppCompilerAndLinker=clang", StringComparison.Ordinal));
        Assert.Equal("-p:Extra=1", args[^1]);
    }

    [Fact]
    public void Zip_entry_carries_mode_755_for_a_regular_file()
    {
        var zip = Path.Combine(Fixture.TempDirectory(), "function.zip");

        LambdaZip.Write(zip, "/bin/true");

        var result = ArtifactVerifier.Verify(zip, new VerifyOptions("x86_64"));
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed)));
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(0x81ED, (archive.Entries[0].ExternalAttributes >> 16) & 0xFFFF);
    }

    [Fact]
    public void With_aws_roots_the_zip_holds_amazons_five_roots_readable_beside_an_executable_bootstrap()
    {
        var zip = Path.Combine(Fixture.TempDirectory(), "function.zip");

        LambdaZip.Write(zip, "/bin/true", withAwsRoots: true);

        var result = ArtifactVerifier.Verify(zip, new VerifyOptions("x86_64"));
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed)));
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["bootstrap", "aws-roots.pem"], archive.Entries.Select(e => e.FullName));
        Assert.Equal(0x81A4, (archive.GetEntry("aws-roots.pem")!.ExternalAttributes >> 16) & 0xFFFF);
        using var reader = new StreamReader(archive.GetEntry("aws-roots.pem")!.Open());
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPem(reader.ReadToEnd());
        Assert.Equal(
            ["Amazon Root CA 1", "Amazon Root CA 2", "Amazon Root CA 3", "Amazon Root CA 4", "Starfield Services Root Certificate Authority - G2"],
            roots.Select(c => c.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false)));
        Assert.All(roots, root => Assert.Equal(root.Subject, root.Issuer)); // self-signed roots, not intermediates
    }
}
