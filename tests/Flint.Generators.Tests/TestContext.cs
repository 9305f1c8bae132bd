using System.Buffers;
using System.Text;
using Flint.Runtime;

namespace Flint.Generators.Tests;

/// <summary>An <see cref="ILambdaContext"/> with fixed values, for invoking generated handlers in-process.</summary>
internal sealed class TestContext : ILambdaContext
{
    private readonly CancellationTokenSource cancellation = new();

    public string AwsRequestId { get; init; } = "req-1";
    public DateTimeOffset Deadline { get; } = DateTimeOffset.UtcNow.AddMinutes(1);
    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;
    public CancellationToken CancellationToken => cancellation.Token;
    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:test";
    public string? TraceId => null;
    public string? ClientContext => null;
    public string? CognitoIdentity => null;
    public string? TenantId => null;
    public string FunctionName => "test";
    public string FunctionVersion => "$LATEST";
    public int MemoryLimitInMB => 128;
    public string LogGroupName => "/aws/lambda/test";
    public string LogStreamName => "stream";
    public ILambdaLogger Logger { get; } = new ListLogger();
}

internal sealed class ListLogger : ILambdaLogger
{
    public List<string> Lines { get; } = [];

    public bool IsEnabled(LambdaLogLevel level) => true;

    public void Log(LambdaLogLevel level, string message) => Lines.Add($"{level}: {message}");
}

internal static class TableExtensions
{
    /// <summary>Creates the handler <paramref name="name"/> and invokes it once with <paramref name="payload"/>; returns the response as text.</summary>
    public static string Invoke(this LambdaHandlerTable table, string name, string payload, ILambdaContext? context = null) =>
        Encoding.UTF8.GetString(table.InvokeBytes(name, Encoding.UTF8.GetBytes(payload), context));

    public static byte[] InvokeBytes(this LambdaHandlerTable table, string name, byte[] payload, ILambdaContext? context = null)
    {
        var handler = table.Create(Init.For(name)) ?? throw new InvalidOperationException($"no handler '{name}'");
        var response = new ArrayBufferWriter<byte>();

        // As on the runtime's main thread: no synchronization context for async handlers to post back to.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            handler.Invoke(payload, context ?? new TestContext(), response);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return response.WrittenSpan.ToArray();
    }
}

/// <summary>The init context the runtime hands a table, for a handler name and the given environment.</summary>
internal static class Init
{
    public static LambdaInitContext For(string name, params (string Name, string? Value)[] environment) =>
        new(name, new TestEnvironment(environment.ToDictionary(e => e.Name, e => e.Value)), new ListLogger());

    private sealed class TestEnvironment(Dictionary<string, string?> values) : IEnvironmentVariables
    {
        public string? Get(string name) => values.GetValueOrDefault(name);

        public void Set(string name, string? value) => values[name] = value;
    }
}
