using Flint.Runtime;

namespace Flint.Hello;

internal static class Program
{
    public static int Main()
    {
#if FLINT_TRANSPORT_HTTPCLIENT
        var options = new LambdaRuntimeOptions { TransportFactory = static api => new Flint.Runtime.HttpClient.HttpClientRuntimeApiClient(api) };
#else
        var options = new LambdaRuntimeOptions();
#endif
#if FLINT_DISPATCH_SWITCH
        return LambdaRuntime.Run(new HelloHandlers(), options);
#else
        return LambdaRuntime.Run(new Flint.Generated.LambdaHandlers(), options);
#endif
    }
}
