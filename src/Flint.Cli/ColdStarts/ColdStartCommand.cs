using System.CommandLine;
using Flint.Cli.Packaging;
using Spectre.Console;

namespace Flint.Cli.ColdStarts;

/// <summary>What <c>flint coldstart</c> runs.</summary>
internal sealed record ColdStartOptions(FunctionUnderTest Function, IReadOnlyList<Variant> Variants, int Runs, int Warm, string OutputDirectory, bool Verbose);

/// <summary><c>flint coldstart</c>: build each variant, measure N interleaved cold starts under Flint.Local, write the report.</summary>
internal static class ColdStartCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Cold starts per variant", DefaultValueFactory = _ => 20 };
        var warm = new Option<int>("--warm") { Description = "Warm invocations after each cold start", DefaultValueFactory = _ => 10 };
        var variants = new Option<string[]>("--variants") { Description = "Variants to compare: " + string.Join(", ", Variant.All.Select(v => v.Name)) + " (default: all)", AllowMultipleArgumentsPerToken = true };
        var function = new Option<string?>("--function") { Description = "One of Flint's own functions: hello (bench/Flint.Hello echo, the default), digest (src/Flint.Functions' S3 digest) or worker (its read of one small S3 object), the last two against moto_server over HTTP and TLS" };
        function.AcceptOnlyFromAmong([.. FunctionUnderTest.Names]);
        var project = new Option<string?>("--project") { Description = "Your function's project folder or .csproj: measures aot, aot-size, r2r and jit builds of it (aot-untuned on request)" };
        var eventFile = new Option<FileInfo?>("--event") { Description = "A file holding the event of every invocation (default {} for --project)" };
        var handler = new Option<string?>("--handler") { Description = "_HANDLER: which [LambdaHandler] answers (default: the default handler)" };
        var quick = new Option<bool>("--quick") { Description = "3 runs and 3 warm invocations: a smoke test of the harness (CI)" };
        var output = new Option<string?>("--out") { Description = "Directory of the report (default: bench/results/coldstart in the Flint repository, else artifacts/coldstart-reports)" };
        var verbose = new Option<bool>("--verbose") { Description = "Print build output" };
        var command = new Command("coldstart", "Build each variant (cached by source hash) and measure interleaved cold starts under Flint.Local: init, first invoke, warm p50/p99, peak RSS, sizes")
        {
            runs, warm, variants, function, project, eventFile, handler, quick, output, verbose,
        };
        command.SetAction(async (parse, interrupted) =>
        {
            using var stop = Termination.Linked(interrupted);
            var cancellationToken = stop.Token;
            var names = (parse.GetValue(variants) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var unknown = names.Where(n => Variant.All.All(v => v.Name != n)).ToArray();
            if (unknown.Length > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"flint coldstart: unknown variant(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Variant.All.Select(v => v.Name))}");
                return 2;
            }

            var repoRoot = RepoRoot.TryFind();
            FunctionUnderTest fut;
            try
            {
                fut = ChooseFunction(parse.GetValue(function), parse.GetValue(project), parse.GetValue(handler), parse.GetValue(eventFile), repoRoot);
            }
            catch (ArgumentException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"flint coldstart: {e.Message}");
                return 2;
            }

            var helloOnly = fut == FunctionUnderTest.Hello ? [] : names.Where(Variant.HelloOnly).ToArray();
            if (helloOnly.Length > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"flint coldstart: {string.Join(", ", helloOnly)} exist(s) only for Flint's own hello function");
                return 2;
            }

            var s3Only = fut.UsesS3 ? [] : names.Where(Variant.S3Only).ToArray();
            if (s3Only.Length > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"flint coldstart: {string.Join(", ", s3Only)} exist(s) only for functions that call S3 (digest, worker)");
                return 2;
            }

            var chosen = names.Length == 0 ? DefaultVariants(fut) : Variant.All.Where(v => names.Contains(v.Name)).ToArray();
            var isQuick = parse.GetValue(quick);
            var reports = parse.GetValue(output) ?? (repoRoot is null ? "artifacts/coldstart-reports" : "bench/results/coldstart");
            var options = new ColdStartOptions(fut, chosen, isQuick ? 3 : parse.GetValue(runs), isQuick ? 3 : parse.GetValue(warm), reports, parse.GetValue(verbose));
            return await RunAsync(options, repoRoot ?? Directory.GetCurrentDirectory(), parse.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The function measured: the user's <c>--project</c>, else one of Flint's own (hello by default, inside the repository
    /// only); <c>--event</c> and <c>--handler</c> replace its event and handler.
    /// </summary>
    /// <exception cref="ArgumentException">Both or neither of a project and a function where one is needed, or a missing file.</exception>
    public static FunctionUnderTest ChooseFunction(string? function, string? project, string? handler, FileInfo? eventFile, string? repoRoot)
    {
        if (function is not null && project is not null)
        {
            throw new ArgumentException("--function names one of Flint's own functions and --project yours: give one of them");
        }

        if (eventFile is { Exists: false })
        {
            throw new ArgumentException($"--event: no file at {eventFile.FullName}");
        }

        var payload = eventFile is null ? null : File.ReadAllText(eventFile.FullName);
        if (project is not null)
        {
            return FunctionUnderTest.ForProject(FunctionProject.Find(project), handler, payload);
        }

        if (repoRoot is null)
        {
            throw new ArgumentException("outside the Flint repository, name your function's project: flint coldstart --project DIR");
        }

        var own = FunctionUnderTest.Named(function ?? "hello")!;
        return own with { Handler = handler ?? own.Handler, Payload = payload ?? own.Payload };
    }

    /// <summary>
    /// What runs without <c>--variants</c> (with or without <c>--quick</c>): every variant for hello; for another function those
    /// that are not hello-only and differ from its <c>aot</c> build — for an S3 function with <c>hello</c> (first) and
    /// <c>aot-tls</c>; for a user's project <see cref="Variant.ForUserProjects"/>.
    /// </summary>
    public static IReadOnlyList<Variant> DefaultVariants(FunctionUnderTest function)
    {
        if (function.IsUserProject)
        {
            return Variant.All.Where(v => Variant.ForUserProjects.Contains(v.Name)).ToArray();
        }

        if (function == FunctionUnderTest.Hello)
        {
            return Variant.All.Where(v => !Variant.S3Only(v.Name)).ToArray();
        }

        return Variant.All.Where(v => !Variant.HelloOnly(v.Name) && (function.UsesS3 || !Variant.S3Only(v.Name)) && !(function.SameAsDefault ?? []).Contains(v.Name)).ToArray();
    }

    public static async Task<int> RunAsync(ColdStartOptions options, string repoRoot, TextWriter output, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = output == Console.Out ? InteractionSupport.Detect : InteractionSupport.No,
        });
        var built = new List<BuiltVariant>();
        IReadOnlyDictionary<string, List<ColdRun>> samples;
        try
        {
            samples = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var building = context.AddTask("build variants", maxValue: options.Variants.Count);
                    foreach (var variant in options.Variants)
                    {
                        building.Description = $"build {variant.Name}";
                        var result = VariantBuilder.Build(variant, options.Function, repoRoot, line =>
                        {
                            if (options.Verbose)
                            {
                                console.WriteLine(line);
                            }
                        });
                        built.Add(result);
                        console.MarkupLine($"[grey]{Markup.Escape(variant.Name)}: {(result.Cached ? "cached" : "built")} {Markup.Escape(Path.GetRelativePath(repoRoot, result.BootstrapPath))}[/]");
                        building.Increment(1);
                    }

                    building.Description = "build variants";
                    await using var s3 = options.Function.UsesS3 ? await S3Fixture.StartAsync(FunctionUnderTest.DigestDay, Path.Combine(repoRoot, "deploy", "aws-roots.pem"), cancellationToken) : null;
                    if (s3 is not null)
                    {
                        console.MarkupLine($"[grey]moto_server on {Markup.Escape(s3.Endpoint.ToString())} and {Markup.Escape(s3.TlsEndpoint.ToString())}: {S3Fixture.Records} records of {FunctionUnderTest.DigestDay:yyyy-MM-dd} in s3://{S3Fixture.Bucket}/logs/, {S3Fixture.MessageKey}[/]");
                    }

                    IReadOnlyDictionary<string, string> Environment(Variant variant) =>
                        s3 is not null && variant.Reference is null ? s3.Environment(variant.Tls, variant.AwsRootsOnly) : new Dictionary<string, string>();

                    var tasks = built.ToDictionary(b => b.Variant.Name, b => context.AddTask($"cold starts {b.Variant.Name}", maxValue: options.Runs));
                    return await ColdStartRunner.RunAsync(built, options.Function, options.Runs, options.Warm, Environment,
                        (name, done) => tasks[name].Value = done, cancellationToken);
                });
        }
        catch (Exception e) when (e is PublishException or ColdStartException)
        {
            await output.WriteLineAsync($"flint coldstart: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("flint coldstart: stopped (Ctrl+C or SIGTERM); no report written");
            return 130;
        }

        var results = built.Select(b => new VariantResult(b, samples[b.Variant.Name])).ToArray();
        var when = DateTimeOffset.UtcNow;
        var stem = Path.Combine(Path.GetFullPath(options.OutputDirectory, repoRoot), $"{when:yyyy-MM-dd}-{options.Function.Name}");
        var written = ColdStartReport.Write(stem, results, options.Function, options.Runs, options.Warm, MachineInfo.Current(), when);
        await output.WriteLineAsync(ColdStartReport.Markdown(stem, results, options.Function, options.Runs, options.Warm, MachineInfo.Current(), when));
        await output.WriteLineAsync("wrote " + string.Join(", ", written.Select(w => Path.GetRelativePath(repoRoot, w))));
        return 0;
    }
}
