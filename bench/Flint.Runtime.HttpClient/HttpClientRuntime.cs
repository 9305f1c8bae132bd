namespace Flint.Runtime.HttpClient;

/// <summary>Runs a bootstrap on <see cref="HttpClientRuntimeApiClient"/> instead of Flint's socket transport (for comparisons only).</summary>
public static class HttpClientRuntime
{
    /// <summary><see cref="LambdaRuntime.Run(LambdaHandlerTable)"/> with the Runtime API spoken through HttpClient.</summary>
    public static int Run(LambdaHandlerTable handlers) =>
        LambdaRuntime.Run(handlers, new LambdaRuntimeOptions { TransportFactory = static api => new HttpClientRuntimeApiClient(api) });
}
