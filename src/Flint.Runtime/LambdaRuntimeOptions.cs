namespace Flint.Runtime;

/// <summary>How <see cref="LambdaRuntime.Run(LambdaHandlerTable, LambdaRuntimeOptions)"/> connects; the defaults are what Lambda needs.</summary>
internal sealed class LambdaRuntimeOptions
{
    /// <summary>
    /// Makes the transport from <c>AWS_LAMBDA_RUNTIME_API</c> (host:port, optionally with a path prefix).
    /// Null means Flint's socket transport.
    /// </summary>
    public Func<string, IRuntimeApiTransport>? TransportFactory { get; init; }
}
