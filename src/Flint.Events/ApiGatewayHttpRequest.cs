using System.Text;
using System.Text.Json;

namespace Flint.Events;

/// <summary>An API Gateway HTTP API request, payload format 2.0.</summary>
public sealed record ApiGatewayHttpRequest
{
    /// <summary>Payload format version, <c>"2.0"</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The matched route, e.g. <c>POST /tasks</c> or <c>$default</c>.</summary>
    public string? RouteKey { get; init; }

    /// <summary>The request path as sent, e.g. <c>/tasks</c>.</summary>
    public string? RawPath { get; init; }

    /// <summary>The query string without the leading <c>?</c>.</summary>
    public string? RawQueryString { get; init; }

    /// <summary>Cookies, one <c>name=value</c> per entry (no <c>Cookie</c> header is sent).</summary>
    public IReadOnlyList<string>? Cookies { get; init; }

    /// <summary>Headers with lower-case names; repeated headers are joined with commas.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Query parameters; repeated ones are joined with commas.</summary>
    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Values of the route's path parameters.</summary>
    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }

    /// <summary>The stage's variables.</summary>
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }

    /// <summary>Who called, how, and what API Gateway knows about it.</summary>
    public ApiGatewayHttpRequestContext? RequestContext { get; init; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64 (binary or non-text content).</summary>
    public bool IsBase64Encoded { get; init; }

    /// <summary>
    /// The body's bytes: base64-decoded when <see cref="IsBase64Encoded"/>, else UTF-8; empty when there is no body.
    /// </summary>
    /// <exception cref="FormatException">The body claims to be base64 but is not.</exception>
    public byte[] GetBodyBytes()
    {
        if (string.IsNullOrEmpty(Body))
        {
            return [];
        }

        return IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);
    }

    /// <summary>A header's value by name, ignoring case; null when absent.</summary>
    public string? GetHeader(string name)
    {
        if (Headers is null)
        {
            return null;
        }

        if (Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in Headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}

/// <summary>The <c>requestContext</c> of an HTTP API request.</summary>
public sealed record ApiGatewayHttpRequestContext
{
    /// <summary>The API owner's account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>The API's id.</summary>
    public string? ApiId { get; init; }

    /// <summary>The host name the client called.</summary>
    public string? DomainName { get; init; }

    /// <summary>The first label of <see cref="DomainName"/>.</summary>
    public string? DomainPrefix { get; init; }

    /// <summary>Method, path, protocol, source IP and user agent.</summary>
    public ApiGatewayHttpDescription? Http { get; init; }

    /// <summary>API Gateway's id for this request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The matched route.</summary>
    public string? RouteKey { get; init; }

    /// <summary>The stage, e.g. <c>$default</c>.</summary>
    public string? Stage { get; init; }

    /// <summary>Request time as API Gateway formats it (<c>21/Apr/2020:15:08:21 +0000</c>).</summary>
    public string? Time { get; init; }

    /// <summary>Request time in Unix milliseconds.</summary>
    public long TimeEpoch { get; init; }

    /// <summary>What the JWT, Lambda or IAM authorizer established, when the route has one.</summary>
    public ApiGatewayHttpAuthorizer? Authorizer { get; init; }

    /// <summary>Mutual TLS details (<c>clientCert</c>), kept as raw JSON.</summary>
    public JsonElement? Authentication { get; init; }
}

/// <summary>The <c>requestContext.http</c> block.</summary>
public sealed record ApiGatewayHttpDescription
{
    /// <summary>HTTP method, upper case.</summary>
    public string? Method { get; init; }

    /// <summary>Request path.</summary>
    public string? Path { get; init; }

    /// <summary>e.g. <c>HTTP/1.1</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>The caller's IP address as API Gateway saw it (the TCP peer, not X-Forwarded-For).</summary>
    public string? SourceIp { get; init; }

    /// <summary>The caller's User-Agent.</summary>
    public string? UserAgent { get; init; }
}

/// <summary>The <c>requestContext.authorizer</c> block.</summary>
public sealed record ApiGatewayHttpAuthorizer
{
    /// <summary>Claims and scopes from a JWT authorizer.</summary>
    public ApiGatewayJwtAuthorizer? Jwt { get; init; }

    /// <summary>The context a Lambda authorizer returned, as raw JSON.</summary>
    public JsonElement? Lambda { get; init; }

    /// <summary>The IAM caller identity, as raw JSON.</summary>
    public JsonElement? Iam { get; init; }
}

/// <summary>What a JWT authorizer verified.</summary>
public sealed record ApiGatewayJwtAuthorizer
{
    /// <summary>Token claims; values are usually strings but are kept as JSON so no shape breaks parsing.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>Granted scopes, when the token has any.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>A claim as text (strings as is, other JSON values as their raw text); null when absent.</summary>
    public string? GetClaim(string name)
    {
        if (Claims is null || !Claims.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }
}
