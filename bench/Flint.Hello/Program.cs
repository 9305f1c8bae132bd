using Flint.Runtime;

namespace Flint.Hello;

internal static class Program
{
    public static int Main()
    {
#if FLINT_DISPATCH_SWITCH
        LambdaHandlerTable handlers = new HelloHandlers();
#else
        LambdaHandlerTable handlers = new Flint.Generated.LambdaHandlers();
#endif
#if FLINT_TRANSPORT_HTTPCLIENT
        return Flint.Runtime.HttpClient.HttpClientRuntime.Run(handlers);
#else
        return LambdaRuntime.Run(handlers);
#endif
    }
}
