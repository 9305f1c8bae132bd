using System.Text;
using Flint.Aws;
using Flint.Events;
using Flint.Functions.Api;
using Flint.Runtime;

namespace Flint.Functions;

/// <summary>
/// <c>api</c>: <c>POST /tasks</c> from API Gateway (HTTP API, payload 2.0), validated and forwarded to the worker.
/// Init reads the secret (<c>API_SECRET</c>, else the SSM SecureString named by <c>API_SECRET_PARAMETER</c>),
/// the allow-lists and the worker's name, and builds the Invoke client; no S3 client.
/// </summary>
internal sealed partial class ApiHandler(ApiRequestValidator validator, IWorkerInvoker invoker, string workerFunction)
{
    /// <summary>Reads the api's configuration and secret and creates the Invoke client.</summary>
    [LambdaInit]
    public static async Task<ApiHandler> CreateAsync(LambdaInitContext init)
    {
        var worker = init.Setting("WORKER_FUNCTION")
            ?? init.Setting("WORKER_FUNCTION_NAME")
            ?? throw new InvalidOperationException("WORKER_FUNCTION is not set.");
        var aws = AwsEnvironment.FromEnvironment();
        var secret = await ReadSecretAsync(aws, init).ConfigureAwait(false);
        var options = ApiOptions.FromEnvironment(init.GetEnvironmentVariable, secret);
        return new ApiHandler(new ApiRequestValidator(options, TimeProvider.System), new LambdaWorkerInvoker(new LambdaInvokeClient(aws)), worker);
    }

    /// <summary><c>POST /tasks</c> from API Gateway (HTTP API, payload 2.0).</summary>
    [LambdaHandler("api")]
    public Task<ApiGatewayHttpResponse> Api(ApiGatewayHttpRequest request, ILambdaContext context) =>
        new ApiFunction(validator, invoker, workerFunction, context.Logger.Info).HandleAsync(request, context.CancellationToken);

    private static async Task<byte[]> ReadSecretAsync(AwsEnvironment aws, LambdaInitContext init)
    {
        if (init.Setting("API_SECRET") is { } inline)
        {
            return Encoding.UTF8.GetBytes(inline);
        }

        var name = init.Setting("API_SECRET_PARAMETER")
            ?? throw new InvalidOperationException("Set API_SECRET or API_SECRET_PARAMETER (an SSM SecureString name).");
        try
        {
            return Encoding.UTF8.GetBytes(await SsmParameters.GetAsync(aws, name).ConfigureAwait(false));
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            // The parameter's name is configuration, not a secret; its value never appears in messages.
            throw new InvalidOperationException($"Could not read the api secret from SSM parameter {name}: {e.ErrorCode}.", e);
        }
    }
}
