using System.Text;
using System.Text.Json;
using Flint.Events;
using Xunit;

namespace Flint.Events.Tests;

public sealed class ApiGatewayTests
{
    [Fact]
    public void Http_api_request_fixture_round_trips_with_its_values()
    {
        var (first, second, _) = Fixture.RoundTrip("apigw-v2-request-no-authorizer.json", FlintEventsJsonContext.Default.ApiGatewayHttpRequest);

        foreach (var r in new[] { first, second })
        {
            Assert.Equal("2.0", r.Version);
            Assert.Equal("$default", r.RouteKey);
            Assert.Equal("/", r.RawPath);
            Assert.Equal("", r.RawQueryString);
            Assert.Equal(8, r.Headers!.Count);
            Assert.Equal("curl/7.58.0", r.Headers["user-agent"]);
            Assert.Equal("1.2.3.4", r.GetHeader("X-Forwarded-For"));
            Assert.False(r.IsBase64Encoded);
            Assert.Null(r.Body);
            Assert.Empty(r.GetBodyBytes());

            var ctx = r.RequestContext!;
            Assert.Equal("123456789012", ctx.AccountId);
            Assert.Equal("aaaaaaaaaa", ctx.ApiId);
            Assert.Equal("aaaaaaaaaa.execute-api.us-west-2.amazonaws.com", ctx.DomainName);
            Assert.Equal("aaaaaaaaaa", ctx.DomainPrefix);
            Assert.Equal("GET", ctx.Http!.Method);
            Assert.Equal("/", ctx.Http.Path);
            Assert.Equal("HTTP/1.1", ctx.Http.Protocol);
            Assert.Equal("1.2.3.4", ctx.Http.SourceIp);
            Assert.Equal("curl/7.58.0", ctx.Http.UserAgent);
            Assert.Equal("LV7fzho-PHcEJPw=", ctx.RequestId);
            Assert.Equal("$default", ctx.Stage);
            Assert.Equal("21/Apr/2020:15:08:21 +0000", ctx.Time);
            Assert.Equal(1587481701067, ctx.TimeEpoch);
            Assert.Null(ctx.Authorizer);
            Assert.Equal("1", ctx.Authentication!.Value.GetProperty("clientCert").GetProperty("serialNumber").GetString());
        }
    }

    [Fact]
    public void Base64_body_cookies_and_jwt_claims_are_read()
    {
        var body = """{"task":"digest","user":"ana"}""";
        var json = $$$"""
            {"version":"2.0","routeKey":"POST /tasks","rawPath":"/tasks","rawQueryString":"a=1&a=2",
             "cookies":["s=1","t=2"],"headers":{"content-type":"application/json"},
             "queryStringParameters":{"a":"1,2"},"pathParameters":{"id":"7"},"stageVariables":{"env":"dev"},
             "requestContext":{"http":{"method":"POST","path":"/tasks","sourceIp":"10.1.2.3"},
               "authorizer":{"jwt":{"claims":{"sub":"ana","exp":1700000000},"scopes":["tasks.write"]},"lambda":{"tier":"gold"}},
               "timeEpoch":1700000000000},
             "body":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(body))}}}","isBase64Encoded":true}
            """;

        var first = JsonSerializer.Deserialize(json, FlintEventsJsonContext.Default.ApiGatewayHttpRequest)!;
        var request = JsonSerializer.Deserialize(JsonSerializer.Serialize(first, FlintEventsJsonContext.Default.ApiGatewayHttpRequest), FlintEventsJsonContext.Default.ApiGatewayHttpRequest)!;

        Assert.Equal(body, Encoding.UTF8.GetString(request.GetBodyBytes()));
        Assert.Equal(["s=1", "t=2"], request.Cookies);
        Assert.Equal("1,2", request.QueryStringParameters!["a"]);
        Assert.Equal("7", request.PathParameters!["id"]);
        Assert.Equal("dev", request.StageVariables!["env"]);
        Assert.Equal("10.1.2.3", request.RequestContext!.Http!.SourceIp);
        var jwt = request.RequestContext.Authorizer!.Jwt!;
        Assert.Equal("ana", jwt.GetClaim("sub"));
        Assert.Equal("1700000000", jwt.GetClaim("exp"));
        Assert.Null(jwt.GetClaim("email"));
        Assert.Equal(["tasks.write"], jwt.Scopes);
        Assert.Equal("gold", request.RequestContext.Authorizer.Lambda!.Value.GetProperty("tier").GetString());
    }

    [Fact]
    public void Response_serializes_camel_case_without_nulls()
    {
        var response = ApiGatewayHttpResponse.Text(502, """{"error":"worker failed"}""");

        var json = JsonSerializer.Serialize(response, FlintEventsJsonContext.Default.ApiGatewayHttpResponse);

        Assert.Equal("""{"statusCode":502,"headers":{"content-type":"application/json"},"body":"{\u0022error\u0022:\u0022worker failed\u0022}","isBase64Encoded":false}""", json);
        var back = JsonSerializer.Deserialize(json, FlintEventsJsonContext.Default.ApiGatewayHttpResponse)!;
        Assert.Equal(502, back.StatusCode);
        Assert.Equal("""{"error":"worker failed"}""", back.Body);
    }

    [Fact]
    public void Binary_response_body_is_base64_and_decodes_back()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF];

        var response = ApiGatewayHttpResponse.Binary(200, png, "image/png");
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(response, FlintEventsJsonContext.Default.ApiGatewayHttpResponse), FlintEventsJsonContext.Default.ApiGatewayHttpResponse)!;

        Assert.True(back.IsBase64Encoded);
        Assert.Equal("iVBORwD/", back.Body);
        Assert.Equal(png, back.GetBodyBytes());
    }
}
