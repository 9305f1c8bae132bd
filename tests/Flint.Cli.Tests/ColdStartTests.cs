using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Flint.Cli.ColdStarts;
using Flint.Cli.Packaging;
using Flint.Cli.Stats;

namespace Flint.Cli.Tests;

public sealed class ColdStartTests
{
    private const ushort ElfTypeExecutable = 2;

    [Fact]
    public async Task Quick_run_of_the_floor_the_default_and_the_hand_written_dispatch_writes_tables_charts_and_every_raw_sample()
    {
        var dir = Fixture.TempDirectory();
        var output = new StringWriter();
        var parse = Program.CreateRoot().Parse(["coldstart", "--quick", "--variants", "aot,dispatch-switch,floor", "--out", dir]);

        var exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });

        Assert.True(exit == 0, output.ToString());
        var stem = Assert.Single(Directory.GetFiles(dir, "*-hello.md"))[..^3];
        var markdown = File.ReadAllText(stem + ".md");
        Assert.Contains("| `aot` | 3 |", markdown);
        Assert.Contains("| `dispatch-switch` | 3 |", markdown);
        Assert.Contains("| `floor` | 3 |", markdown);
        Assert.Contains("Machine: ", markdown);
        foreach (var chart in new[] { "-init.png", "-init.svg", "-rss.png", "-rss.svg", "-size.png", "-size.svg" })
        {
            Assert.True(new FileInfo(stem + chart).Length > 0, chart);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        var variants = json.RootElement.GetProperty("variants");
        Assert.Equal(["aot", "dispatch-switch", "floor"], variants.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        foreach (var variant in variants.EnumerateArray())
        {
            var runs = variant.GetProperty("runs");
            Assert.Equal(3, runs.GetArrayLength());
            foreach (var run in runs.EnumerateArray())
            {
                Assert.True(run.GetProperty("initMs").GetDouble() > 0);
                Assert.True(run.GetProperty("coldTotalMs").GetDouble() >= run.GetProperty("initMs").GetDouble());
                Assert.True(run.GetProperty("peakRssKiB").GetInt64() > 0);
                Assert.Equal(3, run.GetProperty("warmMs").GetArrayLength());
            }
        }

        Assert.True(variants[0].GetProperty("bootstrapBytes").GetInt64() > variants[2].GetProperty("bootstrapBytes").GetInt64(), "an AOT bootstrap is larger than the C floor");
    }

    [Fact]
    public async Task Quick_run_with_the_dotnet_floor_measures_it_between_the_c_floor_and_flint_and_splits_aot_init_by_the_two_floors()
    {
        var dir = Fixture.TempDirectory();
        var output = new StringWriter();
        var parse = Program.CreateRoot().Parse(["coldstart", "--quick", "--variants", "aot,dotnet-floor,floor", "--out", dir]);

        var exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });

        // Every invocation is checked by the runner (a response, no function error), so exit 0 means dotnet-floor echoed each event.
        Assert.True(exit == 0, output.ToString());
        var stem = Assert.Single(Directory.GetFiles(dir, "*-hello.md"))[..^3];
        var markdown = File.ReadAllText(stem + ".md");
        Assert.Contains("| `dotnet-floor` | 3 |", markdown);
        Assert.Contains("**Where `aot`'s init goes**", markdown);
        Assert.Contains("- `dotnet-floor`: .NET floor: a minimal Native AOT echo loop without Flint (bench/dotnet-floor)", markdown);
        using var json = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        var variants = json.RootElement.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(["aot", "dotnet-floor", "floor"], variants.Keys);
        var dotnetFloor = variants["dotnet-floor"];
        var runs = dotnetFloor.GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        foreach (var run in runs.EnumerateArray())
        {
            Assert.True(run.GetProperty("initMs").GetDouble() > 0);
            Assert.True(run.GetProperty("firstInvokeMs").GetDouble() > 0);
            Assert.True(run.GetProperty("coldTotalMs").GetDouble() >= run.GetProperty("initMs").GetDouble());
            Assert.Equal(3, run.GetProperty("warmMs").GetArrayLength());
        }

        // A Native AOT program (larger than the C floor) with nothing of Flint in it (smaller than the Flint bootstrap).
        var bytes = dotnetFloor.GetProperty("bootstrapBytes").GetInt64();
        Assert.True(bytes > variants["floor"].GetProperty("bootstrapBytes").GetInt64(), "the .NET floor is larger than the C floor");
        Assert.True(bytes < variants["aot"].GetProperty("bootstrapBytes").GetInt64(), "the .NET floor is smaller than Flint's hello");

        // Published with Flint's start-up settings, as aot is: a fixed-address executable (ELF e_type ET_EXEC, not ET_DYN).
        foreach (var name in new[] { "aot", "dotnet-floor" })
        {
            var bootstrap = Path.Combine(RepoRoot.Find(AppContext.BaseDirectory), "artifacts", "coldstart", "hello", name, variants[name].GetProperty("sourceHash").GetString()!, "bootstrap");
            Assert.Equal(ElfTypeExecutable, BitConverter.ToUInt16(File.ReadAllBytes(bootstrap), 16));
        }
    }

    [Fact]
    public void Dotnet_floor_is_built_from_its_own_folder_with_flint_start_up_settings_and_untuned_variants_turn_them_off()
    {
        var all = Variant.All.ToDictionary(v => v.Name);

        Assert.Equal("bench/dotnet-floor", all["dotnet-floor"].Project);
        Assert.Equal(BuildKind.NativeAot, all["dotnet-floor"].Kind);
        Assert.Empty(all["dotnet-floor"].Properties);
        Assert.Equal(["-p:FlintStartupTuning=false"], all["aot-untuned"].Properties);
        Assert.Equal(["-p:FlintTransport=HttpClient", "-p:FlintStartupTuning=false"], all["httpclient-untuned"].Properties);
        Assert.All(["dotnet-floor", "httpclient-untuned"], name => Assert.True(Variant.HelloOnly(name), name));
        Assert.False(Variant.HelloOnly("aot-untuned")); // the start-up settings matter most to the big digest bootstrap
        Assert.Equal(["aot", "aot-untuned", "dispatch-switch", "aot-httpclient", "httpclient-untuned", "aot-size", "r2r", "jit", "dotnet-floor", "floor"],
            ColdStartCommand.DefaultVariants(FunctionUnderTest.Hello).Select(v => v.Name));
    }

    [Fact]
    public async Task Quick_digest_run_measures_each_variant_against_moto_and_quick_hello_includes_the_hand_written_dispatch()
    {
        var dir = Fixture.TempDirectory();
        var output = new StringWriter();
        var parse = Program.CreateRoot().Parse(["coldstart", "--quick", "--function", "digest", "--variants", "aot,jit", "--out", dir]);

        var exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });

        Assert.True(exit == 0, output.ToString());
        var stem = Assert.Single(Directory.GetFiles(dir, "*-digest.md"))[..^3];
        var markdown = File.ReadAllText(stem + ".md");
        Assert.Contains("# Cold starts: digest, ", markdown);
        Assert.Contains("| `aot` | 3 |", markdown);
        Assert.Contains("| `jit` | 3 |", markdown);
        using var json = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        var variants = json.RootElement.GetProperty("variants");
        Assert.Equal(["aot", "jit"], variants.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        foreach (var variant in variants.EnumerateArray())
        {
            var runs = variant.GetProperty("runs");
            Assert.Equal(3, runs.GetArrayLength());
            Assert.All(runs.EnumerateArray(), run => Assert.True(run.GetProperty("initMs").GetDouble() > 0));
            Assert.All(runs.EnumerateArray(), run => Assert.True(run.GetProperty("firstInvokeMs").GetDouble() > 0));
        }

        Assert.Contains(Variant.DispatchSwitch, ColdStartCommand.DefaultVariants(FunctionUnderTest.Hello).Select(v => v.Name));
        Assert.Equal(["hello", "aot", "aot-tls", "aot-tls-aws-roots", "aot-untuned", "r2r", "jit"], ColdStartCommand.DefaultVariants(FunctionUnderTest.Digest).Select(v => v.Name));
        Assert.DoesNotContain(ColdStartCommand.DefaultVariants(FunctionUnderTest.Hello), v => Variant.S3Only(v.Name));
    }

    [Fact]
    public async Task Quick_worker_run_reads_one_object_over_http_and_tls_and_reports_cpu_time_next_to_hello()
    {
        var dir = Fixture.TempDirectory();
        var output = new StringWriter();
        var parse = Program.CreateRoot().Parse(["coldstart", "--quick", "--function", "worker", "--variants", "hello,aot,aot-tls,aot-tls-aws-roots", "--out", dir]);

        var exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });

        // Every cold and warm response was checked for the object's message, so the TLS variant really read over TLS.
        Assert.True(exit == 0, output.ToString());
        var stem = Assert.Single(Directory.GetFiles(dir, "*-worker.md"))[..^3];
        var markdown = File.ReadAllText(stem + ".md");
        Assert.Contains("| CPU ÷ hello |", markdown);
        Assert.Matches(@"\| `hello` \| 3 \|( [\d.]+ \|){5} [\d.]+ \|.* 1\.00× \|", markdown);
        using var json = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        var variants = json.RootElement.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(["hello", "aot", "aot-tls", "aot-tls-aws-roots"], variants.Keys);
        foreach (var variant in variants.Values)
        {
            Assert.All(variant.GetProperty("runs").EnumerateArray(), run =>
                Assert.InRange(run.GetProperty("cpuMs").GetDouble(), 0.01, run.GetProperty("coldTotalMs").GetDouble() * 2));
        }

        // The S3 function uses more CPU to its first response than the echo that does nothing.
        Assert.True(variants["aot"].GetProperty("cpuMs").GetProperty("p50").GetDouble() > variants["hello"].GetProperty("cpuMs").GetProperty("p50").GetDouble());
    }

    [Fact]
    public async Task The_s3_fixture_serves_the_same_objects_over_http_and_over_tls_trusted_only_through_the_runs_bundle()
    {
        await using var s3 = await S3Fixture.StartAsync(FunctionUnderTest.DigestDay, Path.Combine(RepoRoot.Find(AppContext.BaseDirectory), "deploy", "aws-roots.pem"), CancellationToken.None);
        var tls = s3.Environment(overTls: true);
        var plain = s3.Environment(overTls: false);
        var key = $"/{S3Fixture.Bucket}/{S3Fixture.MessageKey}";
        const string Authorization = "AWS4-HMAC-SHA256 Credential=t/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(tls["SSL_CERT_FILE"]);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(bundle);
        using var trusting = new HttpClient(new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy } });
        trusting.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Authorization);
        using var system = new HttpClient();

        var awsRoots = new X509Certificate2Collection();
        awsRoots.ImportFromPemFile(s3.Environment(overTls: true, awsRootsOnly: true)["SSL_CERT_FILE"]);

        Assert.Equal(6, awsRoots.Count); // Amazon Root CA 1-4, Starfield Services Root G2, and the run's CA in S3's place
        Assert.True(bundle.Count > 100, $"the machine's bundle plus the run's CA: {bundle.Count} certificates");
        Assert.StartsWith("https://127.0.0.1:", tls["AWS_ENDPOINT_URL_S3"]);
        Assert.StartsWith("http://127.0.0.1:", plain["AWS_ENDPOINT_URL_S3"]);
        Assert.False(plain.ContainsKey("SSL_CERT_FILE"));
        Assert.Contains(S3Fixture.Message, await trusting.GetStringAsync(tls["AWS_ENDPOINT_URL_S3"] + key));
        Assert.Contains(S3Fixture.Message, await trusting.GetStringAsync(plain["AWS_ENDPOINT_URL_S3"] + key));
        await Assert.ThrowsAsync<HttpRequestException>(() => system.GetStringAsync(tls["AWS_ENDPOINT_URL_S3"] + key));
    }

    [Fact]
    public void Unknown_variant_is_refused_with_the_known_names()
    {
        var error = new StringWriter();

        var exit = Program.CreateRoot().Parse(["coldstart", "--variants", "aot,wasm"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = error, Error = error });

        Assert.Equal(2, exit);
        Assert.Contains("unknown variant(s) wasm; known: hello, aot, aot-tls, aot-tls-aws-roots, aot-untuned, dispatch-switch, aot-httpclient, httpclient-untuned, aot-size, r2r, jit, dotnet-floor, floor", error.ToString());
    }

    [Fact]
    public void Hello_only_variant_is_refused_for_the_digest()
    {
        var error = new StringWriter();

        var exit = Program.CreateRoot().Parse(["coldstart", "--function", "digest", "--variants", "aot,floor"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = error, Error = error });

        Assert.Equal(2, exit);
        Assert.Contains("floor exist(s) only for Flint's own hello function", error.ToString());
    }

    [Fact]
    public void A_users_project_is_measured_as_aot_aot_size_r2r_and_jit_with_its_own_event_and_handler()
    {
        using var project = new TempProject();
        var eventFile = new FileInfo(Path.Combine(project.Directory, "event.json"));
        File.WriteAllText(eventFile.FullName, """{"name":"Ada"}""");

        var function = ColdStartCommand.ChooseFunction(null, project.Directory, "greet", eventFile, repoRoot: null);

        Assert.Equal("MyFunction", function.Name);
        Assert.Equal(Path.Combine(project.Directory, "MyFunction.csproj"), function.Project);
        Assert.Equal([project.Directory], function.SourceFolders);
        Assert.Equal("greet", function.Handler);
        Assert.Equal("""{"name":"Ada"}""", function.Payload);
        Assert.Equal(["aot", "aot-size", "r2r", "jit"], ColdStartCommand.DefaultVariants(function).Select(v => v.Name));
    }

    [Fact]
    public void Outside_the_repository_a_project_must_be_named_and_a_folder_without_one_is_refused()
    {
        using var project = new TempProject();
        File.Delete(Path.Combine(project.Directory, "MyFunction.csproj"));

        var noProject = Assert.Throws<ArgumentException>(() => ColdStartCommand.ChooseFunction(null, null, null, null, repoRoot: null));
        var emptyFolder = Assert.Throws<ArgumentException>(() => ColdStartCommand.ChooseFunction(null, project.Directory, null, null, repoRoot: null));

        Assert.Contains("flint coldstart --project DIR", noProject.Message);
        Assert.Contains("no .csproj in " + project.Directory, emptyFolder.Message);
    }

    [Fact]
    public void Project_and_function_together_and_the_floor_for_a_project_are_refused()
    {
        using var project = new TempProject();
        var error = new StringWriter();
        var config = new System.CommandLine.InvocationConfiguration { Output = error, Error = error };

        var both = Program.CreateRoot().Parse(["coldstart", "--function", "hello", "--project", project.Directory]).Invoke(config);
        var floor = Program.CreateRoot().Parse(["coldstart", "--project", project.Directory, "--variants", "aot,floor"]).Invoke(config);

        Assert.Equal(2, both);
        Assert.Equal(2, floor);
        Assert.Contains("give one of them", error.ToString());
        Assert.Contains("floor exist(s) only for Flint's own hello function", error.ToString());
    }

    /// <summary>A folder outside the repository holding an (empty) MyFunction.csproj.</summary>
    private sealed class TempProject : IDisposable
    {
        public TempProject()
        {
            Directory = Path.Combine(Path.GetTempPath(), "flint-project-" + Guid.NewGuid().ToString("N")[..8], "MyFunction");
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(Path.Combine(Directory, "MyFunction.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        }

        public string Directory { get; }

        public void Dispose() => System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
    }

    [Fact]
    public void Source_hash_changes_with_a_build_setting_and_not_otherwise()
    {
        var root = RepoRoot.Find(AppContext.BaseDirectory);

        var a = SourceHash.Of(root, ["bench/floor"], ["x"]);
        var b = SourceHash.Of(root, ["bench/floor"], ["x"]);
        var c = SourceHash.Of(root, ["bench/floor"], ["y"]);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Source_hash_of_the_dotnet_floor_covers_the_start_up_settings_it_is_published_with()
    {
        var root = Fixture.TempDirectory();
        foreach (var file in new[] { "Directory.Build.targets", "bench/dotnet-floor/Program.cs", "src/Flint.Runtime/buildTransitive/Flint.Runtime.targets" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.WriteAllText(Path.Combine(root, file), "<Project />");
        }

        var before = SourceHash.Of(root, ["bench/dotnet-floor"], ["x"]);
        File.AppendAllText(Path.Combine(root, "src/Flint.Runtime/buildTransitive/Flint.Runtime.targets"), "<!-- DirectPInvoke -->");
        var afterTargets = SourceHash.Of(root, ["bench/dotnet-floor"], ["x"]);
        File.AppendAllText(Path.Combine(root, "Directory.Build.targets"), "<!-- import -->");
        var afterRoot = SourceHash.Of(root, ["bench/dotnet-floor"], ["x"]);

        Assert.NotEqual(before, afterTargets);
        Assert.NotEqual(afterTargets, afterRoot);
    }

    [Fact]
    public void Report_splits_aot_init_into_the_c_floor_the_dotnet_runtime_and_flint()
    {
        static VariantResult Result(string name, double init) => new(
            new BuiltVariant(Variant.All.Single(v => v.Name == name), "/x/bootstrap", 1048576, 1048576, 524288, "h", Cached: true),
            [new ColdRun(0, init, 1, init + 1, 10240, [0.5])]);

        var markdown = ColdStartReport.Markdown("/tmp/x", [Result("aot", 6.5), Result("dotnet-floor", 6), Result("floor", 3.5)], FunctionUnderTest.Hello, 1, 1,
            new MachineInfo("cpu", 2, "6.1", "Debian", "10.0.401", ".NET 10"), DateTimeOffset.UnixEpoch);

        Assert.Contains("3.50 ms the C floor (exec, loader, connect, `GET /next`) + 2.50 ms the .NET runtime's own start (`dotnet-floor` − `floor`) + 0.50 ms Flint (`aot` − `dotnet-floor`) = 6.50 ms.", markdown);
        Assert.Contains("+ 2.50 ms the .NET runtime's own start (`dotnet-floor` − `floor`) − 0.25 ms Flint (`aot` − `dotnet-floor`) = 5.75 ms.",
            ColdStartReport.InitBreakdown([Result("aot", 5.75), Result("dotnet-floor", 6), Result("floor", 3.5)]));
        Assert.Null(ColdStartReport.InitBreakdown([Result("aot", 6.5), Result("floor", 3.5)]));
    }

    [Fact]
    public void Report_ratios_compare_each_variant_to_the_floor_and_the_default()
    {
        var markdown = ColdStartReport.Markdown("/tmp/x", [Result("aot", 6), Result("jit", 60), Result("floor", 3)], FunctionUnderTest.Hello, 1, 1,
            new MachineInfo("cpu", 2, "6.1", "Debian", "10.0.401", ".NET 10"), DateTimeOffset.UnixEpoch);

        Assert.Contains("| `aot` | 1 | 6.00 | 6.00 | 1.00 | 7.00 | 5.00 | 0.50 | 0.50 | 10.0 | 1.00 | 0.50 | 2.00× | 1.00× |", markdown);
        Assert.Contains("| `jit` | 1 | 60.00 | 60.00 | 1.00 | 61.00 | 59.00 | 0.50 | 0.50 | 10.0 | 1.00 | 0.50 | 20.00× | 10.00× |", markdown);
        Assert.DoesNotContain("÷ hello", markdown);
        Assert.Equal(3, Summary.Of([3, 1, 2]).P50 + 1);
    }

    [Fact]
    public void An_s3_report_divides_each_variants_cpu_time_by_hellos_from_the_same_run()
    {
        var markdown = ColdStartReport.Markdown("/tmp/x", [Result("hello", 3), Result("aot", 13), Result("aot-tls", 31)], FunctionUnderTest.Worker, 1, 1,
            new MachineInfo("cpu", 2, "6.1", "Debian", "10.0.401", ".NET 10"), DateTimeOffset.UnixEpoch);

        Assert.Contains("| `hello` | 1 | 3.00 | 3.00 | 1.00 | 4.00 | 2.00 | 0.50 | 0.50 | 10.0 | 1.00 | 0.50 | – | 0.23× | 1.00× |", markdown);
        Assert.Contains("| `aot` | 1 | 13.00 | 13.00 | 1.00 | 14.00 | 12.00 | 0.50 | 0.50 | 10.0 | 1.00 | 0.50 | – | 1.00× | 6.00× |", markdown);
        Assert.Contains("| `aot-tls` | 1 | 31.00 | 31.00 | 1.00 | 32.00 | 30.00 | 0.50 | 0.50 | 10.0 | 1.00 | 0.50 | – | 2.38× | 15.00× |", markdown);
        Assert.Contains("| `aot-tls` | 1 | 30.00 | 30.00 | 30.00 | 30.00 | 30.00 | – | 2.50× | 15.00× |", markdown); // the CPU section
    }

    /// <summary>One run: init as given, first invoke 1 ms, CPU 1 ms less than init, one warm invoke of 0.5 ms, 10 MB peak.</summary>
    private static VariantResult Result(string name, double init) => new(
        new BuiltVariant(Variant.All.Single(v => v.Name == name), "/x/bootstrap", 1048576, 1048576, 524288, "h", Cached: true),
        [new ColdRun(0, init, 1, init + 1, 10240, [0.5], CpuMs: init - 1)]);
}
