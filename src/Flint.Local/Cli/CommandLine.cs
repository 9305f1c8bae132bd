using System.Globalization;
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
    private const string Usage = """
        usage: flint-local --function NAME=PATH[:HANDLER] [--function ...] [options] (--invoke NAME | --serve)
          --invoke NAME        invoke NAME once (or --count N times), print its logs, REPORT line and result
          --payload JSON       the event (default {}); --payload-file FILE reads it from a file
          --serve              keep serving the Invoke API and the Runtime APIs until Ctrl+C
          --memory MB          memory size of every function (default 128)
          --timeout SECONDS    timeout of every function (default 3)
          --arch x86_64|arm64  architecture of every function (arm64 runs under qemu-aarch64 on x86_64)
          --env KEY=VALUE      an environment variable for every function (repeatable)
          --port PORT          port of the Invoke API (default: a free one)
          --close-connections  answer /response and /error with Connection: close
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage).ConfigureAwait(false);
            return 64;
        }

        if (parsed.Help || parsed.Functions.Count == 0)
        {
            Console.WriteLine(Usage);
            return parsed.Help ? 0 : 64;
        }

        await using var emulator = await LambdaEmulator.StartAsync(new EmulatorOptions
        {
            Port = parsed.Port,
            Environment = parsed.Environment,
            CloseConnectionAfterResponse = parsed.CloseConnections,
            LogWriter = Console.Out,
        }).ConfigureAwait(false);
        foreach (var function in parsed.Functions)
        {
            await emulator.AddFunctionAsync(function).ConfigureAwait(false);
        }

        if (parsed.Invoke is { } name)
        {
            var exit = 0;
            for (var i = 0; i < parsed.Count; i++)
            {
                var result = await emulator.InvokeAsync(name, parsed.Payload).ConfigureAwait(false);
                Console.WriteLine(result.PayloadText);
                exit = result.FunctionError is null ? exit : 2;
            }

            return exit;
        }

        Console.WriteLine($"Invoke API: {emulator.BaseAddress}  (POST /2015-03-31/functions/NAME/invocations)");
        foreach (var function in parsed.Functions)
        {
            Console.WriteLine($"{function.Name}: AWS_LAMBDA_RUNTIME_API={emulator.RuntimeApi(function.Name)}  bootstrap={function.BootstrapPath ?? "(external)"}");
        }

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task.ConfigureAwait(false);
        return 0;
    }

    private sealed class Arguments
    {
        public List<FunctionDefinition> Functions { get; } = [];

        public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

        public string? Invoke { get; private set; }

        public byte[] Payload { get; private set; } = "{}"u8.ToArray();

        public int Count { get; private set; } = 1;


        public int Port { get; private set; }

        public bool CloseConnections { get; private set; }

        public bool Help { get; private set; }

        public static Arguments Parse(string[] args)
        {
            var parsed = new Arguments();
            var specs = new List<string>();
            int memory = 128, timeout = 3;
            var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x86_64";
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i]} needs a number.");
                switch (args[i])
                {
                    case "--function": specs.Add(Value()); break;
                    case "--invoke": parsed.Invoke = Value(); break;
                    case "--payload": parsed.Payload = Encoding.UTF8.GetBytes(Value()); break;
                    case "--payload-file": parsed.Payload = File.ReadAllBytes(Value()); break;
                    case "--count": parsed.Count = Number(); break;
                    case "--memory": memory = Number(); break;
                    case "--timeout": timeout = Number(); break;
                    case "--arch": arch = Value(); break;
                    case "--port": parsed.Port = Number(); break;
                    case "--close-connections": parsed.CloseConnections = true; break;
                    case "--serve": break;
                    case "--env":
                        var pair = Value();
                        var eq = pair.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0)
                        {
                            throw new ArgumentException($"--env needs KEY=VALUE, got '{pair}'.");
                        }

                        parsed.Environment[pair[..eq]] = pair[(eq + 1)..];
                        break;
                    case "-h" or "--help": parsed.Help = true; break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }

            foreach (var spec in specs)
            {
                parsed.Functions.Add(ParseFunction(spec) with { MemoryMB = memory, Timeout = TimeSpan.FromSeconds(timeout), Architecture = arch });
            }

            if (parsed.Invoke is { } name && !parsed.Functions.Exists(f => f.Name == name))
            {
                throw new ArgumentException($"--invoke {name}: no --function named {name}.");
            }

            return parsed;
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
