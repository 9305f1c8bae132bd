using System.Text.Json;
using Flint.Events;

namespace Flint.Functions.Api;

/// <summary>
/// <c>POST /tasks</c>: validates (see <see cref="ApiRequestValidator"/>), forwards the validated task to the
/// worker function and answers 200 with the worker's result, or 502 with the worker's error type.
/// Logs each outcome without the secret, the signature or the body; values from outside are logged escaped.
/// </summary>
internal sealed class ApiFunction(ApiRequestValidator validator, IWorkerInvoker invoker, string workerFunction, Action<string> log)
{
    public async Task<ApiGatewayHttpResponse> HandleAsync(ApiGatewayHttpRequest request, CancellationToken cancellationToken)
    {
        var sourceIp = request.RequestContext?.Http?.SourceIp;
        // The documented order: a caller outside the allowed ranges learns nothing else, whatever it sends.
        if (!validator.IsSourceAllowed(sourceIp))
        {
            return Reject(ApiRejection.Forbidden("source ip not in ALLOWED_SOURCE_CIDRS"), sourceIp);
        }

        if (request.Body is { } raw && raw.Length > 4 * ApiOptions.MaxBodyBytes)
        {
            return Reject(ApiRejection.TooLarge, sourceIp); // do not even decode it
        }

        byte[] body;
        try
        {
            body = request.GetBodyBytes();
        }
        catch (FormatException)
        {
            return Reject(ApiRejection.BadRequest("body", "is marked base64 but is not"), sourceIp);
        }

        var http = new ApiHttpRequest(
            request.GetHeader("content-type"),
            request.GetHeader(RequestSignature.TimestampHeader),
            request.GetHeader(RequestSignature.SignatureHeader),
            body,
            sourceIp);
        var (task, rejection) = validator.Validate(http);
        if (task is null)
        {
            return Reject(rejection!, sourceIp);
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(task, FunctionsJsonContext.Default.TaskRequest);
        WorkerResponse response;
        try
        {
            response = await invoker.InvokeAsync(workerFunction, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log($"api: worker {workerFunction} could not be invoked: {e.GetType().Name}: {LogText.Escape(e.Message)}");
            return Json(502, new WorkerFailureBody("worker_unavailable", null), FunctionsJsonContext.Default.WorkerFailureBody);
        }

        if (response.FunctionError is not null)
        {
            var error = ReadError(response.Payload);
            var errorType = error?.ErrorType is { } type && IsTypeName(type) ? type : null;
            log($"api: task {task.Task} for {task.User} failed in the worker: {LogText.Escape(error?.ErrorType)}: {LogText.Escape(error?.ErrorMessage)}");
            return Json(502, new WorkerFailureBody("worker_failed", errorType), FunctionsJsonContext.Default.WorkerFailureBody);
        }

        log($"api: task {task.Task} for {task.User} done");
        return ApiGatewayHttpResponse.Text(200, System.Text.Encoding.UTF8.GetString(response.Payload));
    }

    private ApiGatewayHttpResponse Reject(ApiRejection rejection, string? sourceIp)
    {
        log($"api: rejected {rejection.Status} from {LogText.Escape(sourceIp ?? "unknown")}: {rejection.LogReason}");
        return Json(rejection.Status, new ApiErrorBody(rejection.Error, rejection.Field, rejection.Message), FunctionsJsonContext.Default.ApiErrorBody);
    }

    /// <summary>An error type as runtimes name them (<c>InvalidTaskException</c>, <c>Runtime.ExitError</c>): nothing else is answered.</summary>
    private static bool IsTypeName(string type) =>
        type.Length is > 0 and <= 128 && !type.AsSpan().ContainsAnyExcept(TypeNameChars);

    private static readonly System.Buffers.SearchValues<char> TypeNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._");

    private static WorkerErrorPayload? ReadError(byte[] payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, FunctionsJsonContext.Default.WorkerErrorPayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ApiGatewayHttpResponse Json<T>(int status, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        ApiGatewayHttpResponse.Text(status, JsonSerializer.Serialize(body, type));
}
