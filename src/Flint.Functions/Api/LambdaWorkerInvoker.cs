using Flint.Aws;

namespace Flint.Functions.Api;

/// <summary><see cref="IWorkerInvoker"/> on Flint.Aws's SigV4 Invoke client (<c>AWS_ENDPOINT_URL_LAMBDA</c> honoured).</summary>
internal sealed class LambdaWorkerInvoker(LambdaInvokeClient client) : IWorkerInvoker
{
    public async Task<WorkerResponse> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        var result = await client.InvokeAsync(functionName, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new WorkerResponse(result.Payload, result.FunctionError);
    }
}
