using System.Text;
using Microsoft.AspNetCore.Http;

namespace Flint.Local;

/// <summary>The Lambda Invoke API (2015-03-31), so SDK clients and other functions can call the emulator's functions.</summary>
public sealed partial class LambdaEmulator
{
    private const string FunctionsPath = "/2015-03-31/functions/";
    private const string InvocationsSuffix = "/invocations";
    private const int TailBytes = 4096;

    private async Task HandleInvokeApiAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith(FunctionsPath, StringComparison.Ordinal) || !path.EndsWith(InvocationsSuffix, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "UnknownOperationException", $"Unknown operation {context.Request.Method} {path}").ConfigureAwait(false);
            return;
        }

        var name = FunctionNameOf(Uri.UnescapeDataString(path[FunctionsPath.Length..^InvocationsSuffix.Length]));
        if (!TryGetFunction(name, out var host))
        {
            await ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: arn:aws:lambda:{Options.Region}:{Options.AccountId}:function:{name}").ConfigureAwait(false);
            return;
        }

        var headers = context.Request.Headers;
        var type = headers["X-Amz-Invocation-Type"].ToString();
        var limit = type == "Event" ? ErrorBodies.MaxEventRequestBytes : ErrorBodies.MaxRequestBytes;
        var payload = await FunctionHost.ReadBodyAsync(context.Request, limit).ConfigureAwait(false);
        if (payload is null)
        {
            await ErrorAsync(context, 413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation").ConfigureAwait(false);
            return;
        }

        // Lambda refuses an event that is not JSON before any sandbox sees it.
        if (payload.Length > 0 && JsonError(payload) is { } jsonError)
        {
            await ErrorAsync(context, 400, "InvalidRequestContentException", $"Could not parse request body into json: {jsonError}").ConfigureAwait(false);
            return;
        }

        if (type == "DryRun")
        {
            context.Response.StatusCode = 204;
            return;
        }

        var options = new InvokeOptions
        {
            InvocationType = type == "Event" ? InvocationType.Event : InvocationType.RequestResponse,
            ClientContext = DecodeBase64(headers["X-Amz-Client-Context"].ToString()),
            TenantId = NullIfEmpty(headers["X-Amz-Tenant-Id"].ToString()),
            TraceId = NullIfEmpty(headers["X-Amzn-Trace-Id"].ToString()),
        };
        var invocation = host.Enqueue(payload, options);
        context.Response.Headers["X-Amzn-RequestId"] = invocation.RequestId;
        if (options.InvocationType == InvocationType.Event)
        {
            context.Response.StatusCode = 202;
            return;
        }

        var result = await invocation.Completion.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        if (result.FunctionError is { } functionError)
        {
            context.Response.Headers["X-Amz-Function-Error"] = functionError;
        }

        if (headers["X-Amz-Log-Type"].ToString() == "Tail")
        {
            var tail = Encoding.UTF8.GetBytes(string.Join('\n', result.Logs) + "\n");
            context.Response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(tail.AsSpan(Math.Max(0, tail.Length - TailBytes)));
        }

        context.Response.ContentLength = result.Payload.Length;
        await context.Response.Body.WriteAsync(result.Payload).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="payload"/> is not one JSON value, or null when it is.</summary>
    internal static string? JsonError(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(payload);
            reader.Read();
            reader.Skip();
            return reader.Read() ? $"unexpected content after the JSON value at byte {reader.TokenStartIndex}" : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            return e.Message;
        }
    }

    /// <summary>A name, a partial or full ARN, with or without a qualifier → the function's name.</summary>
    internal static string FunctionNameOf(string nameOrArn)
    {
        var name = nameOrArn;
        var marker = name.IndexOf(":function:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            name = name[(marker + ":function:".Length)..];
        }
        else if (name.StartsWith("function:", StringComparison.Ordinal))
        {
            name = name["function:".Length..];
        }

        var qualifier = name.IndexOf(':', StringComparison.Ordinal);
        return qualifier >= 0 ? name[..qualifier] : name;
    }

    private static Task ErrorAsync(HttpContext context, int status, string errorType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = errorType;
        var body = Encoding.UTF8.GetBytes($"{{\"Type\":\"User\",\"message\":{System.Text.Json.JsonSerializer.Serialize(message, Json.LocalJsonContext.Default.String)}}}");
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private static string? DecodeBase64(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
