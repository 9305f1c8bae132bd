#if FLINT_DISPATCH_SWITCH
using System.Buffers;
using Flint.Runtime;

namespace Flint.Hello;

/// <summary>The hand-written handler table: a switch over names, what the generator emits (kept for comparison).</summary>
internal sealed class HelloHandlers : LambdaHandlerTable
{
    private static readonly string[] AllNames = ["echo", "fail", "sleep"];

    public override IReadOnlyList<string> Names => AllNames;

    public override string? DefaultName => "echo";

    public override ILambdaHandler? Create(LambdaInitContext context) => context.HandlerName switch
    {
        "echo" => new EchoHandler(),
        "fail" => new FailHandler(),
        "sleep" => new SleepHandler(),
        _ => null,
    };

    private sealed class EchoHandler : ILambdaHandler
    {
        public void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => response.Write(Hello.Echo(payload).Span);
    }

    private sealed class FailHandler : ILambdaHandler
    {
        public void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => Hello.Fail(payload);
    }

    private sealed class SleepHandler : ILambdaHandler
    {
        public void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => response.Write(Hello.Sleep(payload, context).Span);
    }
}
#endif
