using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Flint.Testing;
using Xunit;

namespace Flint.Packages.Tests;

/// <summary>The README's first function, as a user with only the packages goes through it.</summary>
public sealed partial class FirstFunctionTests(UserWorkspace user) : IClassFixture<UserWorkspace>
{
    [Fact]
    public void Pack_makes_exactly_the_packages_a_user_installs_each_with_one_version_metadata_and_symbols()
    {
        var packages = Directory.GetFiles(user.Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var symbols = Directory.GetFiles(user.Feed, "*.snupkg").Select(Path.GetFileName).ToArray();

        Assert.Equal(UserWorkspace.PackageIds.Select(id => $"{id}.{user.Version}.nupkg"), packages);
        Assert.Equal(UserWorkspace.PackageIds.Where(id => id != "Flint.Templates").Select(id => $"{id}.{user.Version}.snupkg").Order(StringComparer.Ordinal),
            symbols.Order(StringComparer.Ordinal));
        foreach (var id in UserWorkspace.PackageIds)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(user.Feed, $"{id}.{user.Version}.nupkg"));
            var nuspec = Nuspec(zip, id);
            Assert.Equal(user.Version, nuspec.Version);
            Assert.Equal("MIT", nuspec.License);
            Assert.Equal("README.md", nuspec.Readme);
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.StartsWith("https://", nuspec.ProjectUrl);
            Assert.True(nuspec.Description.Length > 60, $"{id} describes itself: {nuspec.Description}");
        }
    }

    [Fact]
    public void The_runtime_package_carries_the_generator_as_an_analyzer_and_the_start_up_settings_in_build_transitive()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(user.Feed, $"Flint.Runtime.{user.Version}.nupkg"));

        Assert.Equal(
            ["analyzers/dotnet/cs/Flint.Generators.dll", "build/Flint.Runtime.targets", "buildTransitive/Flint.Runtime.targets", "lib/net10.0/Flint.Runtime.dll", "lib/net10.0/Flint.Runtime.xml"],
            zip.Entries.Select(e => e.FullName).Where(n => n.Contains('/', StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(Nuspec(zip, "Flint.Runtime").Dependencies);
    }

    [Fact]
    public void The_template_makes_a_project_of_package_references_only_that_publishes_native_aot_with_zero_warnings_and_flint_start_up_settings()
    {
        var csproj = File.ReadAllText(Path.Combine(user.Greeter, "src", "Greeter", "Greeter.csproj"));

        Assert.DoesNotContain("ProjectReference", csproj);
        Assert.Contains($"""<PackageReference Include="Flint.Runtime" Version="{user.Version}" />""", csproj);
        Assert.Contains("<AssemblyName>bootstrap</AssemblyName>", csproj);
        Assert.Equal(0, user.Package.ExitCode);
        Assert.Empty(Warnings(user.Package.Output));
        Assert.Contains("verify: all checks passed", user.Package.Output);
        // PositionIndependentExecutable=false from Flint.Runtime's buildTransitive targets makes an ET_EXEC (2), not ET_DYN (3).
        Assert.Equal(2, ElfType(user.GreeterBootstrap));
        using var zip = ZipFile.OpenRead(Path.Combine(user.Greeter, "artifacts", "x86_64", "function.zip"));
        Assert.Equal(["bootstrap"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void The_template_writes_lambda_tools_defaults_for_provided_al2023_and_the_chosen_architecture()
    {
        var x64 = File.ReadAllText(Path.Combine(user.Greeter, "src", "Greeter", "aws-lambda-tools-defaults.json"));
        var arm64 = File.ReadAllText(Path.Combine(user.Counter, "src", "Counter", "aws-lambda-tools-defaults.json"));

        Assert.Contains("\"function-runtime\": \"provided.al2023\"", x64);
        Assert.Contains("\"function-handler\": \"greet\"", x64);
        Assert.Contains("\"function-name\": \"Greeter\"", x64);
        Assert.Contains("\"function-architecture\": \"x86_64\"", x64);
        Assert.DoesNotContain("\"package\"", x64);
        Assert.Contains("\"function-architecture\": \"arm64\"", arm64);
        Assert.Contains("\"package\": \"artifacts/arm64/function.zip\"", arm64);
        Assert.DoesNotContain("#if", arm64);
        Assert.False(File.Exists(Path.Combine(user.Greeter, "src", "Greeter", "ObjectCounter.cs")), "the S3 example only comes with --s3");
    }

    [Fact]
    public void The_installed_flint_local_invokes_the_published_function()
    {
        var invoke = Shell.Run(user.Greeter, user.FlintLocal, ["--function", "greet=" + user.GreeterBootstrap, "--invoke", "greet", "--payload", """{"name":"Ada"}"""]);

        Assert.Equal(0, invoke.ExitCode);
        Assert.Contains("""{"message":"Hello, Ada!"}""", invoke.Output);
        Assert.Contains("INFO\tgreeting Ada", invoke.Output);
        Assert.Matches(@"REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms", invoke.Output);
    }

    [Fact]
    public void The_installed_flint_local_says_what_is_wrong_with_a_command_line_and_exits_64()
    {
        var missing = Shell.Run(user.Greeter, user.FlintLocal, ["--function", "greet=nowhere/bootstrap", "--invoke", "greet"]);
        var unknown = Shell.Run(user.Greeter, user.FlintLocal, ["--function", "greet=" + user.GreeterBootstrap, "--invoke", "other"]);

        Assert.Equal(64, missing.ExitCode);
        Assert.Contains("no file at " + Path.Combine(user.Greeter, "nowhere", "bootstrap"), missing.Output);
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("--invoke other: no --function named other", unknown.Output);
    }

    [Fact]
    public async Task The_installed_flint_local_serves_until_sigterm_then_stops_its_bootstraps_and_exits_0()
    {
        var start = new System.Diagnostics.ProcessStartInfo(user.FlintLocal) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = user.Greeter };
        foreach (var arg in new[] { "--function", "greet=" + user.GreeterBootstrap, "--serve" })
        {
            start.ArgumentList.Add(arg);
        }

        using var serve = System.Diagnostics.Process.Start(start)!;
        string? line;
        while ((line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null && !line.StartsWith("Invoke API: ", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using var http = new HttpClient { BaseAddress = new Uri(line["Invoke API: ".Length..].Split(' ')[0]) };
        using var invoked = await http.PostAsync(new Uri("/2015-03-31/functions/greet/invocations", UriKind.Relative), new StringContent("{\"name\":\"Ada\"}"));
        Assert.Contains("Hello, Ada!", await invoked.Content.ReadAsStringAsync());
        var bootstraps = BootstrapsOf(serve.Id);
        Assert.Single(bootstraps);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, serve.ExitCode);
        Assert.All(bootstraps, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"bootstrap {pid} outlived flint-local"));
    }

    /// <summary>The child processes of <paramref name="parent"/> (from /proc) whose executable is named bootstrap.</summary>
    private static int[] BootstrapsOf(int parent) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent && stat.Contains("(bootstrap)", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            }).ToArray();

    [Fact]
    public void The_installed_flint_measures_the_users_cold_start()
    {
        var eventFile = Path.Combine(user.Greeter, "event.json");
        File.WriteAllText(eventFile, """{"name":"Ada"}""");

        var run = Shell.Run(user.Greeter, user.Flint, ["coldstart", "--project", ".", "--event", eventFile, "--quick", "--variants", "aot,jit"]);

        Assert.Equal(0, run.ExitCode);
        var report = Assert.Single(Directory.GetFiles(Path.Combine(user.Greeter, "artifacts", "coldstart-reports"), "*-Greeter.md"));
        var markdown = File.ReadAllText(report);
        Assert.Contains("# Cold starts: Greeter", markdown);
        Assert.Matches(@"\| `aot` \| 3 \| [\d.]+ \|", markdown);
        Assert.Matches(@"\| `jit` \| 3 \| [\d.]+ \|", markdown);
    }

    [Fact]
    public void The_templates_own_test_runs_the_published_bootstrap_under_the_flint_local_package()
    {
        var test = Shell.Run(user.Greeter, "dotnet", ["test", "tests/Greeter.Tests"]);

        Assert.Equal(0, test.ExitCode);
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+2,", test.Output);
    }

    [Fact]
    public async Task The_s3_example_publishes_with_zero_warnings_and_counts_the_records_of_a_gzip_object_in_moto()
    {
        var publish = Shell.Run(user.Counter, "dotnet", ["publish", "src/Counter", "-c", "Release", "-r", "linux-x64", "-o", "artifacts/x64"]).Succeeded();
        Assert.Empty(Warnings(publish.Output));
        await using var moto = new MotoServer();
        await moto.InitializeAsync();
        using var http = new HttpClient { BaseAddress = moto.Endpoint };
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(new Uri("/logs", UriKind.Relative), null)).StatusCode);
        var gzip = new MemoryStream();
        await using (var writer = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            writer.Write("{\"a\":1}\n{\"a\":2}\nnot json\n{\"a\":3}\n"u8);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(new Uri("/logs/2026/11/27/app.ndjson.gz", UriKind.Relative), new ByteArrayContent(gzip.ToArray()))).StatusCode);

        var invoke = Shell.Run(user.Counter, user.FlintLocal,
            ["--function", "count=artifacts/x64/bootstrap:count", "--timeout", "30", "--invoke", "count", "--payload", """{"bucket":"logs","key":"2026/11/27/app.ndjson.gz"}""",
             "--env", "AWS_ENDPOINT_URL_S3=" + moto.Endpoint, "--env", "AWS_ACCESS_KEY_ID=test", "--env", "AWS_SECRET_ACCESS_KEY=test", "--env", "AWS_REGION=us-east-1"]);

        Assert.Equal(0, invoke.ExitCode);
        Assert.Contains("""{"records":3,"malformed":1}""", invoke.Output);
    }

    private static string[] Warnings(string output) =>
        output.Split('\n').Where(line => WarningLine().IsMatch(line)).Distinct().ToArray();

    private static int ElfType(string path)
    {
        var header = new byte[18];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        return BitConverter.ToUInt16(header, 16);
    }

    private static (string Version, string License, string Readme, string ProjectUrl, string Description, string[] Dependencies) Nuspec(ZipArchive zip, string id)
    {
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToArray();
        return (Value("version"), Value("license"), Value("readme"), Value("projectUrl"), Value("description"), dependencies);
    }

    [GeneratedRegex(@"\bwarning [A-Z]+\d+")]
    private static partial Regex WarningLine();
}
