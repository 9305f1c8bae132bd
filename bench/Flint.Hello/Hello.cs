using System.Text.Unicode;
using Flint.Runtime;

namespace Flint.Hello;

/// <summary>
/// The hello function's handlers: <c>echo</c> (default), <c>fail</c>, <c>sleep</c>. All raw bytes, no JSON context:
/// Flint.Generators builds the dispatch table from the attributes (the hand-written one is kept for comparison).
/// </summary>
internal static partial class Hello
{
    /// <summary>Returns the event's bytes unchanged.</summary>
    [LambdaHandler("echo", IsDefault = true)]
    public static ReadOnlyMemory<byte> Echo(ReadOnlyMemory<byte> payload) => payload;

    /// <summary>Always throws, to show the error shape Lambda reports.</summary>
    [LambdaHandler("fail")]
    public static void Fail(ReadOnlyMemory<byte> payload) => throw new InvalidOperationException("Flint.Hello: the 'fail' handler fails on purpose.");

    /// <summary>
    /// Waits for the context's cancellation token (or one minute past the deadline) and reports whether it fired
    /// and how much time was left: <c>{"cancelled":true,"remainingMs":123}</c>.
    /// </summary>
    [LambdaHandler("sleep")]
    public static ReadOnlyMemory<byte> Sleep(ReadOnlyMemory<byte> payload, ILambdaContext context)
    {
        var fired = context.CancellationToken.WaitHandle.WaitOne(context.RemainingTime + TimeSpan.FromMinutes(1));
        var buffer = new byte[64];
        Utf8.TryWrite(buffer, $"{{\"cancelled\":{(fired ? "true" : "false")},\"remainingMs\":{(long)context.RemainingTime.TotalMilliseconds}}}", out var written);
        return buffer.AsMemory(0, written);
    }
}
