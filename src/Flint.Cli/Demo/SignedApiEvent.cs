using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flint.Cli.Demo;

/// <summary>
/// API Gateway HTTP API (payload 2.0) events for <c>POST /tasks</c>, signed as the api function expects:
/// <c>X-Flint-Signature = hex(HMAC-SHA256(secret, timestamp + "." + body))</c>.
/// </summary>
internal static class SignedApiEvent
{
    /// <summary>The event for <paramref name="body"/>; <paramref name="tamper"/> flips the signature's last digit.</summary>
    public static string Create(string secret, string body, DateTimeOffset now, bool tamper = false)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(secret, timestamp, body);
        if (tamper)
        {
            signature = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", "POST /tasks");
            w.WriteString("rawPath", "/tasks");
            w.WriteString("rawQueryString", "");
            w.WriteStartObject("headers");
            w.WriteString("content-type", "application/json");
            w.WriteString("x-flint-timestamp", timestamp);
            w.WriteString("x-flint-signature", signature);
            w.WriteEndObject();
            w.WriteStartObject("requestContext");
            w.WriteString("requestId", Guid.NewGuid().ToString("N"));
            w.WriteString("routeKey", "POST /tasks");
            w.WriteString("stage", "$default");
            w.WriteStartObject("http");
            w.WriteString("method", "POST");
            w.WriteString("path", "/tasks");
            w.WriteString("protocol", "HTTP/1.1");
            w.WriteString("sourceIp", "127.0.0.1");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("body", body);
            w.WriteBoolean("isBase64Encoded", false);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The status code and body text of an API Gateway v2 response the api function returned.</summary>
    public static (int Status, string Body) ReadResponse(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        var status = root.GetProperty("statusCode").GetInt32();
        var body = root.TryGetProperty("body", out var b) ? b.GetString() ?? "" : "";
        if (root.TryGetProperty("isBase64Encoded", out var encoded) && encoded.ValueKind == JsonValueKind.True)
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }

        return (status, body);
    }

    private static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
