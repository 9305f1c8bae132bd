using Flint.Runtime;

namespace Flint.Functions;

internal static class Program
{
    public static int Main() => LambdaRuntime.Run(new FunctionHandlers());
}
