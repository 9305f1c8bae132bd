using System.Buffers;
using System.Text.Unicode;
using Flint.Runtime;

namespace Flint.Hello;

/// <summary>The hello function's handlers, free of any dispatch: <c>echo</c> (default), <c>fail</c>, <c>sleep</c>.</summary>
internal static class Hello
{
    /// <summary>Returns the event's bytes unchanged.</summary>
    public static void Echo(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response) => response.Write(payload.Span);

    /// <summary>Always throws, to show the error shape Lambda reports.</summary>
    public static void Fail() => throw new InvalidOperationException("Flint.Hello: the 'fail' handler fails on purpose.");

    /// <summary>
    /// Waits for the context's cancellation token (or one minute past the deadline) and reports whether it fired
    /// and how much time was left: <c>{"cancelled":true,"remainingMs":123}</c>.
    /// </summary>
    public static void Sleep(ILambdaContext context, IBufferWriter<byte> response)
    {
        var fired = context.CancellationToken.WaitHandle.WaitOne(context.RemainingTime + TimeSpan.FromMinutes(1));
        var span = response.GetSpan(64);
        Utf8.TryWrite(span, $"{{\"cancelled\":{(fired ? "true" : "false")},\"remainingMs\":{(long)context.RemainingTime.TotalMilliseconds}}}", out var written);
        response.Advance(written);
    }
}
