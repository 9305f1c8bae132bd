using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Flint.Local.Cli;

/// <summary>
/// <c>flint-local</c>: run bootstraps under the emulator from a shell.
/// <code>
/// flint-local --function hello=out/bootstrap[:handler] [--function …] [--memory 128] [--timeout 3] [--env K=V]
///             [--port 9001] [--close-connections]
///             (--invoke hello [--payload JSON | --payload-file F] [--count N] | --serve)
/// </code>
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit code of a command line that cannot run (sysexits' EX_USAGE).</summary>
    public const int UsageError = 64;

    /// <summary>Exit code when an invocation ended in a function error.</summary>
    public const int FunctionError = 2;

    private static readonly Option<string[]> FunctionsOption = new("--function")
    {
        Description = "A function to run: NAME=PATH[:HANDLER] (repeatable); PATH is its bootstrap",
        HelpName = "NAME=PATH[:HANDLER]",
    };

    private static readonly Option<string> InvokeOption = new("--invoke") { Description = "Invoke NAME once (or --count times), print its logs, REPORT line and result", HelpName = "NAME" };

    private static readonly Option<string> PayloadOption = new("--payload") { Description = "The event (default {})", HelpName = "JSON" };

    private static readonly Option<FileInfo> PayloadFileOption = new("--payload-file") { Description = "Read the event from a file", HelpName = "FILE" };

    private static readonly Option<int> CountOption = new("--count") { Description = "Invocations with --invoke", DefaultValueFactory = _ => 1 };

    private static readonly Option<bool> ServeOption = new("--serve") { Description = "Keep serving the Invoke API and the Runtime APIs until Ctrl+C or SIGTERM (the default without --invoke)" };

    private static readonly Option<int> MemoryOption = new("--memory") { Description = "Memory size of every function, MB", DefaultValueFactory = _ => 128, HelpName = "MB" };

    private static readonly Option<int> TimeoutOption = new("--timeout") { Description = "Timeout of every function, seconds", DefaultValueFactory = _ => 3, HelpName = "SECONDS" };

    private static readonly Option<string> ArchitectureOption = CreateArchitectureOption();

    private static readonly Option<string[]> EnvironmentOption = new("--env") { Description = "An environment variable for every function (repeatable)", HelpName = "KEY=VALUE" };

    private static readonly Option<int> PortOption = new("--port") { Description = "Port of the Invoke API (default: a free one)" };

    private static readonly Option<bool> CloseConnectionsOption = new("--close-connections") { Description = "Answer /response and /error with Connection: close" };

    /// <summary>The root command; its action runs the emulator.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("flint-local: run Lambda bootstraps under Flint's emulator (Runtime API, Invoke API, REPORT lines)")
        {
            FunctionsOption, InvokeOption, PayloadOption, PayloadFileOption, CountOption, ServeOption, MemoryOption, TimeoutOption,
            ArchitectureOption, EnvironmentOption, PortOption, CloseConnectionsOption,
        };
        root.SetAction(RunAsync);
        return root;
    }

    private static Option<string> CreateArchitectureOption()
    {
        var option = new Option<string>("--arch")
        {
            Description = "Architecture of every function (arm64 runs under qemu-aarch64 on x86_64)",
            DefaultValueFactory = _ => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x86_64",
        };
        option.AcceptOnlyFromAmong("x86_64", "arm64");
        return option;
    }

    /// <summary>Parses and runs; a command line that cannot run prints why and exits with <see cref="UsageError"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("flint-local: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run flint-local --help for the options.").ConfigureAwait(false);
            return UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken interrupted)
    {
        // SIGTERM (timeout(1), kill, a container stopping) ends the emulator as Ctrl+C does, bootstraps first; left to
        // the default, Kestrel's host took the signal and nothing stopped.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        var cancellationToken = stop.Token;
        Settings settings;
        try
        {
            settings = Settings.From(parse);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("flint-local: " + e.Message + System.Environment.NewLine + "Run flint-local --help for the options.").ConfigureAwait(false);
            return UsageError;
        }

        await using var emulator = await LambdaEmulator.StartAsync(new EmulatorOptions
        {
            Port = settings.Port,
            Environment = settings.Environment,
            CloseConnectionAfterResponse = settings.CloseConnections,
            LogWriter = Console.Out,
        }, cancellationToken).ConfigureAwait(false);
        foreach (var function in settings.Functions)
        {
            await emulator.AddFunctionAsync(function, cancellationToken).ConfigureAwait(false);
        }

        if (settings.Invoke is { } name)
        {
            var exit = 0;
            for (var i = 0; i < settings.Count; i++)
            {
                var result = await emulator.InvokeAsync(name, settings.Payload, cancellationToken: cancellationToken).ConfigureAwait(false);
                Console.WriteLine(result.PayloadText);
                exit = result.FunctionError is null ? exit : FunctionError;
            }

            return exit;
        }

        Console.WriteLine($"Invoke API: {emulator.BaseAddress}  (POST /2015-03-31/functions/NAME/invocations)");
        foreach (var function in settings.Functions)
        {
            Console.WriteLine($"{function.Name}: AWS_LAMBDA_RUNTIME_API={emulator.RuntimeApi(function.Name)}  bootstrap={function.BootstrapPath ?? "(external)"}");
        }

        // Until Ctrl+C (System.CommandLine) or SIGTERM (above); disposing the emulator then stops every bootstrap.
        try
        {
            await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    /// <summary>The checked command line.</summary>
    private sealed record Settings(
        IReadOnlyList<FunctionDefinition> Functions, Dictionary<string, string> Environment, string? Invoke, byte[] Payload, int Count, int Port, bool CloseConnections)
    {
        public static Settings From(ParseResult parse)
        {
            var specs = parse.GetValue(FunctionsOption) ?? [];
            if (specs.Length == 0)
            {
                throw new ArgumentException("no --function NAME=PATH[:HANDLER] given.");
            }

            var memory = NonNegative(parse, MemoryOption);
            var timeout = NonNegative(parse, TimeoutOption);
            var architecture = parse.GetValue(ArchitectureOption)!;
            var functions = specs.Select(spec => ParseFunction(spec) with { MemoryMB = memory, Timeout = TimeSpan.FromSeconds(timeout), Architecture = architecture }).ToArray();
            var invoke = parse.GetValue(InvokeOption);
            if (invoke is not null && parse.GetValue(ServeOption))
            {
                throw new ArgumentException("--invoke and --serve exclude each other.");
            }

            if (invoke is not null && !functions.Any(f => f.Name == invoke))
            {
                throw new ArgumentException($"--invoke {invoke}: no --function named {invoke}.");
            }

            return new Settings(functions, ParseEnvironment(parse.GetValue(EnvironmentOption) ?? []), invoke, ReadPayload(parse),
                NonNegative(parse, CountOption), NonNegative(parse, PortOption), parse.GetValue(CloseConnectionsOption));
        }

        private static int NonNegative(ParseResult parse, Option<int> option)
        {
            var value = parse.GetValue(option);
            return value >= 0 ? value : throw new ArgumentException($"{option.Name} needs a number of at least 0, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        private static byte[] ReadPayload(ParseResult parse)
        {
            var text = parse.GetValue(PayloadOption);
            var file = parse.GetValue(PayloadFileOption);
            if (text is not null && file is not null)
            {
                throw new ArgumentException("--payload and --payload-file exclude each other.");
            }

            if (file is not null)
            {
                return file.Exists ? File.ReadAllBytes(file.FullName) : throw new ArgumentException($"--payload-file: no file at {file.FullName}.");
            }

            return Encoding.UTF8.GetBytes(text ?? "{}");
        }

        private static Dictionary<string, string> ParseEnvironment(string[] pairs)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"--env needs KEY=VALUE, got '{pair}'.");
                }

                environment[pair[..eq]] = pair[(eq + 1)..];
            }

            return environment;
        }

        /// <summary><c>NAME=PATH[:HANDLER]</c>; the handler is what follows the last ':' when it has no '/'.</summary>
        private static FunctionDefinition ParseFunction(string spec)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1)
            {
                throw new ArgumentException($"--function needs NAME=PATH[:HANDLER], got '{spec}'.");
            }

            var path = spec[(eq + 1)..];
            string? handler = null;
            var colon = path.LastIndexOf(':');
            if (colon > 0 && path.IndexOf('/', colon) < 0)
            {
                handler = path[(colon + 1)..];
                path = path[..colon];
            }

            if (!File.Exists(path))
            {
                throw new ArgumentException($"--function {spec}: no file at {Path.GetFullPath(path)}.");
            }

            return new FunctionDefinition { Name = spec[..eq], BootstrapPath = path, Handler = handler };
        }
    }
}
