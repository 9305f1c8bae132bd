using System.Text;

namespace Flint.Events;

/// <summary>An API Gateway HTTP API response, payload format 2.0.</summary>
public sealed record ApiGatewayHttpResponse
{
    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>Response headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary><c>Set-Cookie</c> values, one per entry.</summary>
    public IReadOnlyList<string>? Cookies { get; init; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64 that API Gateway must decode.</summary>
    public bool IsBase64Encoded { get; init; }

    /// <summary>A response with a UTF-8 text body (JSON by default).</summary>
    /// <example><code>ApiGatewayHttpResponse.Text(400, """{"error":"bad request"}""")</code></example>
    public static ApiGatewayHttpResponse Text(int statusCode, string body, string contentType = "application/json") => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(1) { ["content-type"] = contentType },
        Body = body,
    };

    /// <summary>A response with a binary body, sent base64-encoded.</summary>
    public static ApiGatewayHttpResponse Binary(int statusCode, ReadOnlySpan<byte> body, string contentType) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(1) { ["content-type"] = contentType },
        Body = Convert.ToBase64String(body),
        IsBase64Encoded = true,
    };

    /// <summary>The body's bytes, decoding base64 when <see cref="IsBase64Encoded"/>.</summary>
    public byte[] GetBodyBytes()
    {
        if (string.IsNullOrEmpty(Body))
        {
            return [];
        }

        return IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);
    }
}
