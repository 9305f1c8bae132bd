using System.Collections.Concurrent;
using System.Text;

namespace Flint.Local;

/// <summary>
/// A local AWS Lambda: the Invoke API on 127.0.0.1, and for each function its own Runtime API port and a bootstrap process
/// spawned on demand with Lambda's environment, restarted after it exits, killed on timeout, with a REPORT line per invocation.
/// </summary>
/// <example>
/// <code>
/// await using var lambda = await LambdaEmulator.StartAsync();
/// await lambda.AddFunctionAsync(new FunctionDefinition { Name = "hello", BootstrapPath = "out/bootstrap" });
/// var result = await lambda.InvokeAsync("hello", "{\"hi\":1}"u8.ToArray());
/// Console.WriteLine(result.PayloadText + "\n" + result.Report);
/// </code>
/// </example>
public sealed partial class LambdaEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FunctionHost> functions = new(StringComparer.Ordinal);
    private KestrelHost? invokeServer;

    private LambdaEmulator(EmulatorOptions options) => Options = options;

    /// <summary>The options it was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The Invoke API's base address, e.g. <c>http://127.0.0.1:PORT/</c> (use it as the Lambda service URL).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:0/");

    /// <summary>
    /// Every function output line and every START/END/REPORT/INIT_REPORT line, as it happens. Handlers run on the
    /// emulator's threads (some under a lock): keep them quick and do not call back into the emulator.
    /// </summary>
    public event Action<EmulatorLogLine>? Log;

    /// <summary>The names of the functions added so far.</summary>
    public IReadOnlyCollection<string> FunctionNames => [.. functions.Keys];

    /// <summary>Starts the Invoke API server.</summary>
    public static async Task<LambdaEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new LambdaEmulator(options ?? new EmulatorOptions());
        emulator.invokeServer = await KestrelHost.StartAsync(emulator.Options.Port, ErrorBodies.MaxResponseBytes * 2L, emulator.HandleInvokeApiAsync, cancellationToken).ConfigureAwait(false);
        emulator.BaseAddress = new Uri($"http://127.0.0.1:{emulator.invokeServer.Port}/");
        return emulator;
    }

    /// <summary>Adds a function and starts its Runtime API; its bootstrap is spawned on the first invocation.</summary>
    public async Task AddFunctionAsync(FunctionDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var host = new FunctionHost(definition, Options, () => BaseAddress.ToString().TrimEnd('/'), Emit);
        if (!functions.TryAdd(definition.Name, host))
        {
            throw new InvalidOperationException($"A function named '{definition.Name}' was already added.");
        }

        await host.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>AWS_LAMBDA_RUNTIME_API</c> value of a function (<c>127.0.0.1:PORT</c>), for a runtime started by hand.</summary>
    public string RuntimeApi(string functionName) => Function(functionName).RuntimeApi;

    /// <summary>The id of the process serving the function now, or null when none runs.</summary>
    public int? ProcessId(string functionName) => Function(functionName).ProcessId;

    /// <summary>Invokes a function and, for <see cref="InvocationType.RequestResponse"/>, waits for its result.</summary>
    public async Task<InvocationResult> InvokeAsync(string functionName, ReadOnlyMemory<byte> payload, InvokeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InvokeOptions();
        var invocation = Function(functionName).Enqueue(payload.ToArray(), options);
        if (options.InvocationType == InvocationType.Event)
        {
            return new InvocationResult { RequestId = invocation.RequestId, StatusCode = 202, Payload = [] };
        }

        return await invocation.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invokes a function with a UTF-8 JSON payload.</summary>
    public Task<InvocationResult> InvokeAsync(string functionName, string payloadJson, InvokeOptions? options = null, CancellationToken cancellationToken = default)
        => InvokeAsync(functionName, Encoding.UTF8.GetBytes(payloadJson), options, cancellationToken);

    /// <summary>Stops the function's process, if one runs, and waits for it to exit: the next invocation is cold.</summary>
    public Task ResetAsync(string functionName) => Function(functionName).ResetAsync();

    /// <summary>Stops every function process and both servers.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in functions.Values)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        if (invokeServer is not null)
        {
            await invokeServer.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal bool TryGetFunction(string name, out FunctionHost host) => functions.TryGetValue(name, out host!);

    private FunctionHost Function(string name)
        => functions.TryGetValue(name, out var host) ? host : throw new ArgumentException($"No function named '{name}'.", nameof(name));

    private void Emit(EmulatorLogLine line)
    {
        Log?.Invoke(line);
        if (Options.LogWriter is { } writer)
        {
            lock (writer)
            {
                writer.WriteLine(line.Text);
            }
        }
    }
}
