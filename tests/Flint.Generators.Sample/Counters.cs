using Flint.Runtime;

namespace Flint.Generators.Sample;

/// <summary>An instance handler: the generated table creates one instance at Init, so state lives across invocations.</summary>
public sealed partial class Counters
{
    private int calls;

    [LambdaHandler("calls")]
    public Counter Next(Counter start) => new(start.Value + Interlocked.Increment(ref calls));
}
