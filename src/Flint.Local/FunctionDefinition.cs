namespace Flint.Local;

/// <summary>A function the emulator runs: its bootstrap and the configuration Lambda would give it.</summary>
public sealed record FunctionDefinition
{
    /// <summary>The function name (<c>AWS_LAMBDA_FUNCTION_NAME</c>, the Invoke API path).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The executable to spawn (a custom runtime's <c>bootstrap</c>), started on the first invocation and again after it
    /// exits. Null: nothing is spawned, and a runtime started by someone else (a test) connects to
    /// <see cref="LambdaEmulator.RuntimeApi(string)"/>.
    /// </summary>
    public string? BootstrapPath { get; init; }

    /// <summary><c>_HANDLER</c>; null leaves it unset.</summary>
    public string? Handler { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> and the REPORT line's Memory Size (not enforced).</summary>
    public int MemoryMB { get; init; } = 128;

    /// <summary>The invocation timeout: past it the process is killed and the invocation fails with <c>Sandbox.Timedout</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The function's own environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>x86_64</c> or <c>arm64</c>; an arm64 bootstrap on an x86_64 host runs under <c>qemu-aarch64</c>.</summary>
    public string Architecture { get; init; } = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x86_64";

    /// <summary>
    /// A path prefix appended to <c>AWS_LAMBDA_RUNTIME_API</c> (e.g. <c>/fn/echo</c>). The server accepts Runtime API paths
    /// with or without any prefix; this only tests a runtime's prefix handling. Lambda itself uses none.
    /// </summary>
    public string? RuntimeApiPrefix { get; init; }

    /// <summary>Port of this function's Runtime API on 127.0.0.1; 0 picks a free one.</summary>
    public int RuntimeApiPort { get; init; }
}
