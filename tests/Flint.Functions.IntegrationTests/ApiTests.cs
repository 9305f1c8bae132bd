using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flint.Functions.IntegrationTests;

/// <summary>
/// The api function end to end: API Gateway v2 events, signed as the README says, validated by the real
/// bootstrap (secret from SSM) and forwarded to the real worker through Flint.Local's Invoke API.
/// </summary>
[Collection(FunctionsCollection.Name)]
public sealed class ApiTests(FunctionsFixture fixture)
{
    private const string ReadHello = """{"task":"read","key":"messages/hello.json","user":"alice","email":"alice@example.com"}""";

    /// <summary>X-Flint-Signature = hex(HMAC-SHA256(secret, timestamp + "." + body)), computed here independently.</summary>
    private static string Sign(string timestamp, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsFixture.Secret), message));
    }

    private static string Event(
        string body,
        string contentType = "application/json",
        string sourceIp = "203.0.113.10",
        DateTimeOffset? at = null,
        string? signature = null,
        bool base64 = false)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "POST /tasks",
            ["rawPath"] = "/tasks",
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject
            {
                ["content-type"] = contentType,
                ["x-flint-timestamp"] = timestamp,
                ["x-flint-signature"] = signature ?? Sign(timestamp, bytes),
            },
            ["requestContext"] = new JsonObject
            {
                ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/tasks", ["sourceIp"] = sourceIp },
                ["requestId"] = "test",
            },
            ["body"] = base64 ? Convert.ToBase64String(bytes) : body,
            ["isBase64Encoded"] = base64,
        };
        return request.ToJsonString();
    }

    private async Task<(int Status, JsonElement Body)> CallAsync(string apiEvent)
    {
        var result = await fixture.Lambda.InvokeAsync("api", apiEvent);
        Assert.True(result.FunctionError is null, result.PayloadText);
        using var response = JsonDocument.Parse(result.Payload);
        var status = response.RootElement.GetProperty("statusCode").GetInt32();
        Assert.Equal("application/json", response.RootElement.GetProperty("headers").GetProperty("content-type").GetString());
        using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        return (status, body.RootElement.Clone());
    }

    [Fact]
    public async Task Signed_read_request_is_forwarded_to_the_worker_and_returns_its_result()
    {
        var (status, body) = await CallAsync(Event(ReadHello, base64: true));
        Assert.Equal(200, status);
        Assert.Equal("read", body.GetProperty("task").GetString());
        Assert.Equal("hello from S3", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Signed_digest_request_runs_the_digest_in_the_worker()
    {
        var (status, body) = await CallAsync(Event("""{"task":"digest","date":"2026-11-27","user":"carol","email":"carol@example.org"}""", sourceIp: "2001:db8::7"));
        Assert.Equal(200, status);
        Assert.Equal(fixture.Logs.Records.Count, body.GetProperty("digest").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Worker_failure_is_502_with_the_workers_error()
    {
        var (status, body) = await CallAsync(Event("""{"task":"read","key":"messages/no-message.json","user":"bob","email":"bob@example.com"}"""));
        Assert.Equal(502, status);
        Assert.Equal("worker_failed", body.GetProperty("error").GetString());
        Assert.Equal("InvalidTaskException", body.GetProperty("errorType").GetString());
        Assert.False(body.TryGetProperty("stackTrace", out _));
    }

    [Fact]
    public async Task Worker_missing_object_is_502_naming_the_error_type()
    {
        var (status, body) = await CallAsync(Event("""{"task":"read","key":"messages/absent.json","user":"bob","email":"bob@example.com"}"""));
        Assert.Equal(502, status);
        Assert.Equal("ObjectNotFoundException", body.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Wrong_shape_is_400_naming_the_field()
    {
        var (status, body) = await CallAsync(Event("""{"task":"read","user":"alice","email":"alice@example.com"}"""));
        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Equal("key", body.GetProperty("field").GetString());

        (status, body) = await CallAsync(Event("""{"task":"digest","user":"alice","email":"alice@@example.com"}"""));
        Assert.Equal((400, "email"), (status, body.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Bad_signature_and_stale_timestamp_are_401_with_the_same_body()
    {
        var (badStatus, badBody) = await CallAsync(Event(ReadHello, signature: new string('0', 64)));
        var (staleStatus, staleBody) = await CallAsync(Event(ReadHello, at: DateTimeOffset.UtcNow.AddMinutes(-6)));
        var (missingStatus, _) = await CallAsync(Event(ReadHello, signature: ""));
        Assert.Equal((401, 401, 401), (badStatus, staleStatus, missingStatus));
        Assert.Equal("""{"error":"unauthorized"}""", badBody.GetRawText());
        Assert.Equal(badBody.GetRawText(), staleBody.GetRawText());
    }

    [Fact]
    public async Task User_outside_the_allow_lists_is_403()
    {
        var (status, body) = await CallAsync(Event("""{"task":"read","key":"messages/hello.json","user":"mallory","email":"mallory@evil.example"}"""));
        Assert.Equal(403, status);
        Assert.Equal("""{"error":"forbidden"}""", body.GetRawText());
    }

    [Fact]
    public async Task Source_ip_outside_the_allowed_cidrs_is_403()
    {
        var (status, _) = await CallAsync(Event(ReadHello, sourceIp: "198.51.100.1"));
        Assert.Equal(403, status);
        (status, _) = await CallAsync(Event(ReadHello, sourceIp: "2001:db9::1"));
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task Body_over_64_kilobytes_is_413()
    {
        var big = "{\"task\":\"read\",\"key\":\"" + new string('k', 70_000) + "\",\"user\":\"alice\",\"email\":\"alice@example.com\"}";
        var (status, body) = await CallAsync(Event(big));
        Assert.Equal(413, status);
        Assert.Equal("payload_too_large", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Non_json_content_type_is_415()
    {
        var (status, body) = await CallAsync(Event(ReadHello, contentType: "text/plain"));
        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Api_logs_never_contain_the_secret_or_the_signature()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(timestamp, Encoding.UTF8.GetBytes(ReadHello));
        var lines = new List<string>();
        void Capture(Flint.Local.EmulatorLogLine line)
        {
            lock (lines)
            {
                lines.Add(line.Text);
            }
        }

        fixture.Lambda.Log += Capture;
        try
        {
            var result = await fixture.Lambda.InvokeAsync("api", Event(ReadHello, signature: new string('a', 64)));
            Assert.Null(result.FunctionError);
            Assert.NotEmpty(result.Logs);
            foreach (var line in result.Logs.Concat(lines))
            {
                Assert.DoesNotContain(FunctionsFixture.Secret, line, StringComparison.Ordinal);
                Assert.DoesNotContain(new string('a', 64), line, StringComparison.Ordinal);
                Assert.DoesNotContain(signature, line, StringComparison.Ordinal);
            }
        }
        finally
        {
            fixture.Lambda.Log -= Capture;
        }
    }
}
