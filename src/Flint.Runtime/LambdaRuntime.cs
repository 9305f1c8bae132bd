namespace Flint.Runtime;

/// <summary>
/// The entry point of a Flint bootstrap: Init (environment, <c>_HANDLER</c>, <see cref="LambdaHandlerTable.Initialize"/>),
/// then the invocation loop on the calling thread until the process is stopped.
/// </summary>
/// <example>
/// <code>
/// public static int Main() => LambdaRuntime.Run(new MyHandlers());
/// </code>
/// </example>
public static class LambdaRuntime
{
    /// <summary>Runs with Flint's socket transport. Returns a non-zero exit code after an init or transport failure.</summary>
    public static int Run(LambdaHandlerTable handlers) => Run(handlers, new LambdaRuntimeOptions());

    /// <summary>Runs with the given options.</summary>
    public static int Run(LambdaHandlerTable handlers, LambdaRuntimeOptions options)
    {
        throw new NotImplementedException("filled in by the runtime core");
    }
}
