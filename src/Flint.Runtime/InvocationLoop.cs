namespace Flint.Runtime;

/// <summary>
/// One turn of the loop, <see cref="InvokeOnce"/>: next event, handler, response or error. Handler failures
/// become <c>/error</c> posts and the loop goes on; anything this method throws is a transport failure.
/// </summary>
internal sealed class InvocationLoop : IDisposable
{
    /// <summary>What Lambda accepts as a synchronous response body (6 MB).</summary>
    internal const int MaxResponseBytes = 6 * 1024 * 1024;

    private readonly IRuntimeApiTransport transport;
    private readonly ILambdaHandler handler;
    private readonly LambdaContext context;
    private readonly LambdaLogger logger;
    private readonly IEnvironmentVariables environment;
    private readonly PooledBufferWriter response = new(16 * 1024);

    public InvocationLoop(IRuntimeApiTransport transport, ILambdaHandler handler, RuntimeSettings settings, LambdaLogger logger, IEnvironmentVariables environment)
    {
        this.transport = transport;
        this.handler = handler;
        this.logger = logger;
        this.environment = environment;
        context = new LambdaContext(settings, logger);
    }

    public void InvokeOnce()
    {
        Invocation invocation;
        try
        {
            invocation = transport.Next();
        }
        catch (MalformedInvocationException ex)
        {
            PostError(ex.Invocation, new LambdaError("Runtime.MalformedInvocation", ex.Message, []));
            return;
        }

        context.Begin(invocation);
        logger.Invocation = invocation;
        environment.Set("_X_AMZN_TRACE_ID", invocation.TraceId);
        response.Reset();
        LambdaError? error = null;
        try
        {
            handler.Invoke(invocation.Payload, context, response);
        }
        catch (Exception ex)
        {
            error = LambdaError.FromException(ex);
            logger.Log(LambdaLogLevel.Error, $"{error.ErrorType}: {error.ErrorMessage}");
        }
        finally
        {
            context.End();
        }

        error ??= PostResponse(invocation);
        if (error is not null)
        {
            PostError(invocation, error);
        }

        logger.Invocation = null;
    }

    public void Dispose() => response.Dispose();

    /// <summary>Posts the response; returns the error to post instead when the API refused it as too large.</summary>
    private LambdaError? PostResponse(Invocation invocation)
    {
        try
        {
            transport.PostResponse(invocation, response.WrittenSpan);
            return null;
        }
        catch (RuntimeApiException ex) when (ex.StatusCode == 413)
        {
            return new LambdaError("Function.ResponseSizeTooLarge",
                $"Response payload size ({response.WrittenCount} bytes) exceeded the maximum allowed payload size ({MaxResponseBytes} bytes).", []);
        }
        catch (RuntimeApiException ex) when (ex.StatusCode is >= 400 and < 500)
        {
            logger.Log(LambdaLogLevel.Error, ex.Message); // the API refused this invocation's answer; the next one is unaffected
            return null;
        }
    }

    private void PostError(Invocation invocation, LambdaError error)
    {
        try
        {
            transport.PostError(invocation, error);
        }
        catch (RuntimeApiException ex) when (ex.StatusCode is >= 400 and < 500)
        {
            logger.Log(LambdaLogLevel.Error, ex.Message);
        }
    }
}
