using System.Text.Json;
using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Storage;

namespace Flint.Functions.Worker;

/// <summary>
/// Runs a task sent by <c>api</c> (or invoked directly): <c>digest</c> for a date (default: yesterday, UTC),
/// or <c>read</c> an S3 JSON object from <c>READ_BUCKET</c> (default: <c>SOURCE_BUCKET</c>), only under
/// <c>READ_PREFIX</c> when that is set, and return its <c>message</c> string.
/// </summary>
internal sealed class WorkerFunction(ILogStore store, DigestRunner? runner, string? readBucket, string? readPrefix, TimeProvider time)
{
    public async Task<WorkerResult> HandleAsync(TaskRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new InvalidTaskException("The event is null; send {\"task\":\"digest\"|\"read\", ...}.");
        }

        switch (request.Task)
        {
            case TaskRequest.DigestTask:
                if (runner is null)
                {
                    throw new InvalidOperationException("The digest task needs SOURCE_BUCKET to be set on the worker.");
                }

                var day = DigestDay.Resolve(new DigestInput { Date = request.Date }, time.GetUtcNow());
                var summary = await runner.DigestAsync(day, cancellationToken).ConfigureAwait(false);
                return new WorkerResult(TaskRequest.DigestTask, summary, null, null);

            case TaskRequest.ReadTask:
                if (string.IsNullOrEmpty(readBucket))
                {
                    throw new InvalidOperationException("The read task needs READ_BUCKET to be set on the worker.");
                }

                if (string.IsNullOrEmpty(request.Key))
                {
                    throw new InvalidTaskException("The read task needs a key.");
                }

                if (!IsUnder(request.Key, readPrefix))
                {
                    throw new InvalidTaskException("The key is outside the prefix this worker may read (READ_PREFIX).");
                }

                var bytes = await store.GetAsync(readBucket, request.Key, cancellationToken).ConfigureAwait(false);
                return new WorkerResult(TaskRequest.ReadTask, null, request.Key, MessageOf(bytes, request.Key));

            default:
                throw new InvalidTaskException("The task must be \"digest\" or \"read\".");
        }
    }

    /// <summary>
    /// Whether <paramref name="key"/> lies under <paramref name="prefix"/> as a folder: <c>messages</c> and <c>messages/</c>
    /// admit <c>messages/a.json</c>, not <c>messages-private/a.json</c>. No prefix admits every key.
    /// </summary>
    internal static bool IsUnder(string key, string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return true;
        }

        var folder = prefix.EndsWith('/') ? prefix : prefix + "/";
        return key.StartsWith(folder, StringComparison.Ordinal);
    }

    internal static string MessageOf(byte[] json, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message"u8, out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidTaskException($"Object {key} is not JSON.", e);
        }

        throw new InvalidTaskException($"Object {key} has no string field \"message\".");
    }
}

/// <summary>The worker's answer: the digest summary, or the read object's message.</summary>
internal sealed record WorkerResult(string Task, DigestSummary? Digest, string? Key, string? Message);

/// <summary>The task cannot be run as asked (errorType <c>InvalidTaskException</c>): retrying will not help.</summary>
internal sealed class InvalidTaskException : Exception
{
    public InvalidTaskException(string message)
        : base(message)
    {
    }

    public InvalidTaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidTaskException()
    {
    }
}
