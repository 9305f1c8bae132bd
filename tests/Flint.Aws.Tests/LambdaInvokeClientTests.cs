using System.Globalization;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Flint.Testing;
using Xunit;

namespace Flint.Aws.Tests;

/// <summary>The Invoke client against a loopback HTTP server that records what it receives.</summary>
public sealed class LambdaInvokeClientTests : IDisposable
{
    private const string AccessKey = "AKIDFLINTEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private readonly HttpListener listener = new();
    private readonly Uri endpoint;
    private readonly List<(HttpListenerRequest Request, byte[] Body, string ExpectedSignature)> received = [];

    public LambdaInvokeClientTests()
    {
        endpoint = new Uri($"http://127.0.0.1:{Ports.FreeLoopbackPort()}/");
        listener.Prefixes.Add(endpoint.ToString());
        listener.Start();
    }

    public void Dispose() => listener.Close();

    /// <summary>Answers the next request with the given status, headers and body, recording the request.</summary>
    private Task Serve(int status, string body, params (string Name, string Value)[] headers) => Task.Run(async () =>
    {
        var context = await listener.GetContextAsync();
        using var copy = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(copy);
        var bytes = copy.ToArray();
        lock (received)
        {
            received.Add((context.Request, bytes, SigV4Verifier.ExpectedSignature(context.Request, bytes, SecretKey)));
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        var payload = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = payload.Length;
        await context.Response.OutputStream.WriteAsync(payload);
        context.Response.Close();
    });

    private LambdaInvokeClient Client(AWSCredentials? credentials = null) => new(new AwsEnvironment
    {
        Region = "eu-west-1",
        Credentials = credentials ?? new BasicAWSCredentials(AccessKey, SecretKey),
        LambdaEndpoint = endpoint,
    });

    [Fact]
    public async Task Invoke_posts_a_sigv4_signed_request_that_verifies()
    {
        var server = Serve(200, """{"message":"hi"}""", ("X-Amz-Executed-Version", "$LATEST"));
        using var client = Client();

        var result = client.Invoke("worker", """{"task":"read","key":"a.json"}"""u8.ToArray());
        await server;

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("""{"message":"hi"}""", Encoding.UTF8.GetString(result.Payload));
        Assert.Null(result.FunctionError);
        Assert.False(result.IsFunctionError);
        Assert.Equal("$LATEST", result.ExecutedVersion);

        var (request, body, expected) = Assert.Single(received);
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/2015-03-31/functions/worker/invocations", request.RawUrl);
        Assert.Equal("""{"task":"read","key":"a.json"}""", Encoding.UTF8.GetString(body));
        Assert.Equal("RequestResponse", request.Headers["X-Amz-Invocation-Type"]);

        var auth = SigV4Verifier.Parse(request.Headers["Authorization"]!);
        Assert.Equal(AccessKey, auth.AccessKey);
        Assert.Equal("eu-west-1", auth.Region);
        Assert.Equal("lambda", auth.Service);
        Assert.Contains("host", auth.SignedHeaders);
        Assert.Contains("x-amz-date", auth.SignedHeaders);
        Assert.Matches("^[0-9a-f]{64}$", auth.Signature);
        var amzDate = DateTime.ParseExact(request.Headers["x-amz-date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Assert.Equal(amzDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), auth.Date);
        Assert.Equal(expected, auth.Signature);
    }

    [Fact]
    public async Task Session_token_is_sent_and_signed()
    {
        var server = Serve(200, "null");
        using var client = Client(new SessionAWSCredentials(AccessKey, SecretKey, "session-token-value"));

        await client.InvokeAsync("worker", "{}"u8.ToArray());
        await server;

        var (request, _, expected) = Assert.Single(received);
        Assert.Equal("session-token-value", request.Headers["X-Amz-Security-Token"]);
        Assert.Contains("x-amz-security-token", SigV4Verifier.Parse(request.Headers["Authorization"]!).SignedHeaders);
        Assert.Equal(expected, SigV4Verifier.Parse(request.Headers["Authorization"]!).Signature);
    }

    [Fact]
    public async Task Function_error_is_surfaced_with_its_payload()
    {
        var error = """{"errorType":"Flint.TaskFailed","errorMessage":"no such key"}""";
        var server = Serve(200, error, ("X-Amz-Function-Error", "Unhandled"), ("X-Amz-Executed-Version", "7"));
        using var client = Client();

        var result = await client.InvokeAsync("worker", "{}"u8.ToArray());
        await server;

        Assert.True(result.IsFunctionError);
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("7", result.ExecutedVersion);
        Assert.Equal(error, Encoding.UTF8.GetString(result.Payload));
    }

    [Fact]
    public async Task Event_invocation_with_an_arn_and_qualifier_signs_the_encoded_path_and_query()
    {
        var server = Serve(202, "");
        using var client = Client();

        var result = client.Invoke("arn:aws:lambda:eu-west-1:123456789012:function:worker", "{}"u8.ToArray(), InvocationType.Event, qualifier: "live");
        await server;

        Assert.Equal(202, result.StatusCode);
        Assert.Empty(result.Payload);
        var (request, _, expected) = Assert.Single(received);
        Assert.Equal("Event", request.Headers["X-Amz-Invocation-Type"]);
        Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aworker/invocations?Qualifier=live", request.RawUrl);
        Assert.Equal(expected, SigV4Verifier.Parse(request.Headers["Authorization"]!).Signature);
    }

    [Fact]
    public async Task Service_error_throws_with_the_error_type()
    {
        var server = Serve(404, """{"Type":"User","message":"Function not found: worker"}""",
            ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awsgirderservice/"));
        using var client = Client();

        var e = await Assert.ThrowsAsync<LambdaInvokeException>(() => client.InvokeAsync("worker", "{}"u8.ToArray()));
        await server;

        Assert.Equal(404, e.StatusCode);
        Assert.Equal("ResourceNotFoundException", e.ErrorType);
        Assert.Contains("Function not found", e.Message, StringComparison.Ordinal);
    }
}
