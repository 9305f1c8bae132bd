using System.Text;

namespace Flint.Runtime;

/// <summary>
/// The entry point of a Flint bootstrap: Init (environment, <c>_HANDLER</c>, <see cref="LambdaHandlerTable.Create"/>),
/// then the invocation loop on the calling thread until the process is stopped.
/// </summary>
/// <remarks>
/// Exit codes: 1 after an init error (unknown <c>_HANDLER</c>, a failing <see cref="LambdaHandlerTable.Create"/>),
/// reported to <c>/runtime/init/error</c> first; 2 when the Runtime API cannot be reached or answers out of protocol.
/// </remarks>
/// <example>
/// <code>
/// public static int Main() => LambdaRuntime.Run(new MyHandlers());
/// </code>
/// </example>
public static class LambdaRuntime
{
    internal const int InitFailed = 1;
    internal const int TransportFailed = 2;

    /// <summary>
    /// Runs the bootstrap: Init, then the invocation loop until the process is stopped. Returns only after an init or
    /// transport failure, with a non-zero exit code for <c>Main</c> to return.
    /// </summary>
    /// <param name="handlers">The handlers, usually <c>new Flint.Generated.LambdaHandlers()</c> from the source generator.</param>
    public static int Run(LambdaHandlerTable handlers) => Run(handlers, new LambdaRuntimeOptions());

    /// <summary>Runs with the given transport options (the benchmarks' HttpClient transport).</summary>
    internal static int Run(LambdaHandlerTable handlers, LambdaRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        return Run(handlers, options, ProcessEnvironmentVariables.Instance, Console.OpenStandardOutput, Console.OpenStandardError);
    }

    /// <summary>The testable core: environment and output streams come in; <paramref name="maxInvocations"/> &lt; 0 loops forever.</summary>
    internal static int Run(
        LambdaHandlerTable handlers, LambdaRuntimeOptions options, IEnvironmentVariables environment,
        Func<Stream> stdout, Func<Stream> stderr, int maxInvocations = -1)
    {
        var settings = RuntimeSettings.Read(environment);
        var api = settings.RuntimeApi;
        if (string.IsNullOrWhiteSpace(api))
        {
            return Fail(stderr, TransportFailed, "AWS_LAMBDA_RUNTIME_API is not set; run this bootstrap in Lambda or in an emulator such as Flint.Local.");
        }

        IRuntimeApiTransport transport;
        try
        {
            transport = options.TransportFactory is { } factory ? factory(api) : new SocketRuntimeApiClient(api);
        }
        catch (Exception ex)
        {
            return Fail(stderr, TransportFailed, $"cannot use AWS_LAMBDA_RUNTIME_API \"{api}\": {ex.Message}");
        }

        using (transport)
        using (var logger = new LambdaLogger(stdout, settings.MinimumLogLevel, settings.JsonLogs))
        {
            try
            {
                var handler = Initialize(handlers, settings, environment, logger, transport, stderr);
                if (handler is null)
                {
                    return InitFailed;
                }

                using var loop = new InvocationLoop(transport, handler, settings, logger, environment);
                for (var i = 0; maxInvocations < 0 || i < maxInvocations; i++)
                {
                    loop.InvokeOnce();
                }

                return 0;
            }
            catch (Exception ex)
            {
                return Fail(stderr, TransportFailed, $"the Runtime API at {api} failed: {ex.Message}");
            }
        }
    }

    /// <summary>Picks the handler, runs the table's Init work and creates the handler; null after reporting an init error.</summary>
    private static ILambdaHandler? Initialize(
        LambdaHandlerTable handlers, RuntimeSettings settings, IEnvironmentVariables environment, LambdaLogger logger,
        IRuntimeApiTransport transport, Func<Stream> stderr)
    {
        var requested = settings.Handler;
        var name = string.IsNullOrEmpty(requested) || requested == "bootstrap" ? handlers.DefaultName : requested;
        var names = string.Join(", ", handlers.Names);
        if (name is null || !IsListed(handlers.Names, name))
        {
            var message = name is null
                ? $"_HANDLER is not set and this bootstrap has no default handler; set _HANDLER to one of: {names}."
                : $"_HANDLER is \"{name}\", which this bootstrap does not have; valid handlers: {names}.";
            ReportInitError(transport, stderr, new LambdaError("Runtime.HandlerNotFound", message, []));
            return null;
        }

        try
        {
            return handlers.Create(new LambdaInitContext(name, environment, logger)) ?? throw new InvalidOperationException(
                $"the handler table lists \"{name}\" but created no handler for it; valid handlers: {names}.");
        }
        catch (Exception ex)
        {
            ReportInitError(transport, stderr, LambdaError.FromException(ex));
            return null;
        }
    }

    private static bool IsListed(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReportInitError(IRuntimeApiTransport transport, Func<Stream> stderr, LambdaError error)
    {
        Fail(stderr, InitFailed, $"init failed: {error.ErrorType}: {error.ErrorMessage}");
        try
        {
            transport.PostInitError(error);
        }
        catch (Exception ex)
        {
            Fail(stderr, InitFailed, $"could not report the init error to the Runtime API: {ex.Message}");
        }
    }

    private static int Fail(Func<Stream> stderr, int exitCode, string message)
    {
        // Not disposed: it is the process's stderr, used only on these failure paths.
        var stream = stderr();
        stream.Write(Encoding.UTF8.GetBytes("flint: " + message + "\n"));
        stream.Flush();
        return exitCode;
    }
}
