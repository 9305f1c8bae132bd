using System.Globalization;

namespace Flint.Functions.Api;

/// <summary>What the validator needs from an HTTP request; header values as received, body decoded.</summary>
internal readonly record struct ApiHttpRequest(string? ContentType, string? Timestamp, string? Signature, ReadOnlyMemory<byte> Body, string? SourceIp);

/// <summary>
/// Validates <c>POST /tasks</c>, cheapest and least revealing checks first:
/// 1. source IP in <c>ALLOWED_SOURCE_CIDRS</c> (403); 2. body ≤ 64 KB (413); 3. Content-Type
/// <c>application/json</c> (415); 4. timestamp within ±5 minutes and a valid HMAC (401) — before the body
/// is parsed; 5. the JSON shape (400 naming the field); 6. user or e-mail domain allow-list (403).
/// </summary>
internal sealed class ApiRequestValidator(ApiOptions options, TimeProvider time)
{
    /// <summary>Whether <paramref name="sourceIp"/> is in <c>ALLOWED_SOURCE_CIDRS</c> (the first check, before the body is even decoded).</summary>
    public bool IsSourceAllowed(string? sourceIp) => options.IsSourceAllowed(sourceIp);

    /// <summary>The parsed request, or why it is refused.</summary>
    public (TaskRequest? Request, ApiRejection? Rejection) Validate(in ApiHttpRequest request)
    {
        if (!options.IsSourceAllowed(request.SourceIp))
        {
            return (null, ApiRejection.Forbidden("source ip not in ALLOWED_SOURCE_CIDRS"));
        }

        if (request.Body.Length > ApiOptions.MaxBodyBytes)
        {
            return (null, ApiRejection.TooLarge);
        }

        if (!IsJsonMediaType(request.ContentType))
        {
            return (null, ApiRejection.UnsupportedMediaType);
        }

        var unauthorized = CheckSignature(request);
        if (unauthorized is not null)
        {
            return (null, unauthorized);
        }

        var (task, invalid) = TaskRequestParser.Parse(request.Body.Span);
        if (task is null)
        {
            return (null, invalid);
        }

        if (!options.IsPrincipalAllowed(task.User, task.Email))
        {
            return (null, ApiRejection.Forbidden("user and e-mail domain not allowed"));
        }

        return (task, null);
    }

    private ApiRejection? CheckSignature(in ApiHttpRequest request)
    {
        var stamp = request.Timestamp;
        if (string.IsNullOrEmpty(stamp) || stamp.Length > 11 || stamp.AsSpan().ContainsAnyExceptInRange('0', '9')
            || !long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return ApiRejection.Unauthorized("missing or malformed timestamp");
        }

        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > RequestSignature.MaxSkew)
        {
            return ApiRejection.Unauthorized("timestamp outside the allowed skew");
        }

        if (string.IsNullOrEmpty(request.Signature))
        {
            return ApiRejection.Unauthorized("missing signature");
        }

        return RequestSignature.Verify(options.Secret, stamp, request.Body.Span, request.Signature)
            ? null
            : ApiRejection.Unauthorized("signature mismatch");
    }

    /// <summary><c>application/json</c>, any case, optionally followed by parameters (e.g. <c>; charset=utf-8</c>).</summary>
    internal static bool IsJsonMediaType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        var mediaType = (semicolon >= 0 ? span[..semicolon] : span).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }
}
