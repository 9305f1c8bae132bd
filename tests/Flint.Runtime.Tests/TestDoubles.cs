using System.Buffers;
using System.Text;
using System.Text.Json.Serialization;

namespace Flint.Runtime.Tests;

internal delegate void HandlerBody(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response);

internal sealed class DelegateHandler(HandlerBody body) : ILambdaHandler
{
    public void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => body(payload, context, response);
}

/// <summary>A hand-written handler table, as the generator would emit one.</summary>
internal sealed class TestTable(Dictionary<string, HandlerBody> handlers, string? defaultName = null, Action<LambdaInitContext>? initialize = null)
    : LambdaHandlerTable
{
    public int CreateCalls { get; private set; }

    public override IReadOnlyList<string> Names => [.. handlers.Keys];

    public override string? DefaultName => defaultName ?? base.DefaultName;

    public override ILambdaHandler? Create(LambdaInitContext context)
    {
        CreateCalls++;
        initialize?.Invoke(context);
        return handlers.TryGetValue(context.HandlerName, out var body) ? new DelegateHandler(body) : null;
    }

    public static void Echo(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => response.Write(payload.Span);

    public static void Fail(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) =>
        throw new InvalidOperationException("the fail handler always fails");
}

internal sealed class DictionaryEnvironment : IEnvironmentVariables
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public DictionaryEnvironment(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public void Set(string name, string? value) => values[name] = value;
}

/// <summary>Runs <see cref="LambdaRuntime"/> against a fake API with captured stdout and stderr.</summary>
internal sealed class RuntimeRun
{
    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public DictionaryEnvironment Environment { get; init; } = new();

    public string StdoutText => Encoding.UTF8.GetString(Stdout.ToArray());

    public string StderrText => Encoding.UTF8.GetString(Stderr.ToArray());

    public string[] StdoutLines => StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public int Run(LambdaHandlerTable table, int invocations, LambdaRuntimeOptions? options = null) =>
        LambdaRuntime.Run(table, options ?? new LambdaRuntimeOptions(), Environment, () => Stdout, () => Stderr, invocations);

    public static RuntimeRun For(FakeRuntimeApi api, params (string Name, string? Value)[] extra) => new()
    {
        Environment = new DictionaryEnvironment([("AWS_LAMBDA_RUNTIME_API", api.Address), .. extra]),
    };
}

public sealed record Order(string Id, int Quantity);

[JsonSerializable(typeof(Order))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>A context whose options shape the output: indented, with the relaxed encoder (no \u escapes for '+' or 'é').</summary>
[JsonSerializable(typeof(Order))]
[JsonSourceGenerationOptions(WriteIndented = true, IndentSize = 1)]
internal sealed partial class IndentedJsonContext : JsonSerializerContext;
