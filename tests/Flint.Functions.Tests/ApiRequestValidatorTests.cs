using System.Text;
using Flint.Functions.Api;

namespace Flint.Functions.Tests;

public sealed class ApiRequestValidatorTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("s3cr3t-for-tests");
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const string ValidBody = """{"task":"read","key":"messages/hello.json","user":"alice","email":"alice@example.com"}""";

    private static ApiRequestValidator Validator(Dictionary<string, string>? env = null) =>
        new(ApiOptions.FromEnvironment(name => env?.GetValueOrDefault(name), Secret), new FixedTime(Now));

    private static ApiHttpRequest Signed(string body, DateTimeOffset? at = null, string contentType = "application/json", string sourceIp = "203.0.113.7")
    {
        var stamp = (at ?? Now).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        return new ApiHttpRequest(contentType, stamp, RequestSignature.Sign(Secret, stamp, bytes), bytes, sourceIp);
    }

    [Fact]
    public void Signed_valid_request_is_accepted_with_its_fields()
    {
        var (request, rejection) = Validator().Validate(Signed(ValidBody));
        Assert.Null(rejection);
        Assert.Equal(("read", "messages/hello.json", "alice", "alice@example.com"), (request!.Task, request.Key, request.User, request.Email));
    }

    [Fact]
    public void Signature_is_hmac_sha256_of_timestamp_dot_body_in_lowercase_hex()
    {
        // Independent computation of the documented string-to-sign.
        using var hmac = new System.Security.Cryptography.HMACSHA256(Secret);
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("1764331200." + ValidBody)));
        Assert.Equal(expected, RequestSignature.Sign(Secret, "1764331200", Encoding.UTF8.GetBytes(ValidBody)));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_more_than_five_minutes_away_is_unauthorized(int seconds)
    {
        var (_, rejection) = Validator().Validate(Signed(ValidBody, Now.AddSeconds(seconds)));
        Assert.Equal(401, rejection!.Status);
        Assert.Equal("unauthorized", rejection.Error);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Timestamp_exactly_five_minutes_away_is_accepted(int seconds)
    {
        Assert.Null(Validator().Validate(Signed(ValidBody, Now.AddSeconds(seconds))).Rejection);
    }

    [Fact]
    public void Tampered_body_missing_or_malformed_signature_are_unauthorized_alike()
    {
        var good = Signed(ValidBody);
        var cases = new[]
        {
            good with { Body = Encoding.UTF8.GetBytes(ValidBody.Replace("alice", "mallory", StringComparison.Ordinal)) },
            good with { Signature = null },
            good with { Signature = "zz" + good.Signature![2..] },
            good with { Signature = good.Signature![..^2] },
            good with { Signature = good.Signature!.ToUpperInvariant()[..^1] + "0" },
            good with { Timestamp = null },
            good with { Timestamp = "12abc" },
            good with { Timestamp = "99999999999999999999" },
        };
        foreach (var request in cases)
        {
            var (_, rejection) = Validator().Validate(request);
            Assert.Equal(new ApiErrorBody("unauthorized", null, null), new ApiErrorBody(rejection!.Error, rejection.Field, rejection.Message));
            Assert.Equal(401, rejection.Status);
        }
    }

    [Fact]
    public void Uppercase_hex_signature_is_accepted()
    {
        var request = Signed(ValidBody);
        Assert.Null(Validator().Validate(request with { Signature = request.Signature!.ToUpperInvariant() }).Rejection);
    }

    [Fact]
    public void Body_over_64_kilobytes_is_413_even_when_signed()
    {
        var body = """{"task":"read","key":"k","user":"alice","email":"alice@example.com","pad":""" + "\"" + new string('x', 65536) + "\"}";
        Assert.Equal(413, Validator().Validate(Signed(body)).Rejection!.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    [InlineData("application/jsonx")]
    public void Content_type_other_than_json_is_415(string contentType)
    {
        Assert.Equal(415, Validator().Validate(Signed(ValidBody, contentType: contentType)).Rejection!.Status);
    }

    [Fact]
    public void Json_content_type_with_charset_is_accepted()
    {
        Assert.Null(Validator().Validate(Signed(ValidBody, contentType: "Application/JSON; charset=utf-8")).Rejection);
    }

    [Theory]
    [InlineData("[1]", "body")]
    [InlineData("{\"task\":\"read\"", "body")]
    [InlineData("{}", "task")]
    [InlineData("""{"task":"delete","user":"a","email":"a@b.co"}""", "task")]
    [InlineData("""{"task":5,"user":"a","email":"a@b.co"}""", "task")]
    [InlineData("""{"task":"digest","email":"a@b.co"}""", "user")]
    [InlineData("""{"task":"digest","user":"a b","email":"a@b.co"}""", "user")]
    [InlineData("""{"task":"digest","user":"a"}""", "email")]
    [InlineData("""{"task":"digest","user":"a","email":"not-an-email"}""", "email")]
    [InlineData("""{"task":"digest","user":"a","email":"a@b.co","date":"2026-02-30"}""", "date")]
    [InlineData("""{"task":"digest","user":"a","email":"a@b.co","key":"k"}""", "key")]
    [InlineData("""{"task":"read","user":"a","email":"a@b.co"}""", "key")]
    [InlineData("""{"task":"read","user":"a","email":"a@b.co","key":"k","date":"2026-01-01"}""", "date")]
    [InlineData("""{"task":"read","user":"a","email":"a@b.co","key":"k","admin":true}""", "body")]
    [InlineData("""{"task":"read","task":"read","user":"a","email":"a@b.co","key":"k"}""", "task")]
    [InlineData("""{"task":"read","user":"a","email":"a@b.co","key":"k"} {}""", "body")]
    public void Wrong_shape_is_400_naming_the_field(string body, string field)
    {
        var rejection = Validator().Validate(Signed(body)).Rejection!;
        Assert.Equal(400, rejection.Status);
        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void Bad_request_message_does_not_echo_the_submitted_value()
    {
        var rejection = Validator().Validate(Signed("""{"task":"digest","user":"a","email":"<script>@evil"}""")).Rejection!;
        Assert.DoesNotContain("script", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", rejection.LogReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Users_and_email_domains_are_allow_listed_either_way()
    {
        var validator = Validator(new() { ["ALLOWED_USERS"] = "alice, bob", ["ALLOWED_EMAIL_DOMAINS"] = "Example.org" });
        Assert.Null(validator.Validate(Signed("""{"task":"digest","user":"bob","email":"bob@elsewhere.net"}""")).Rejection);
        Assert.Null(validator.Validate(Signed("""{"task":"digest","user":"carol","email":"carol@example.ORG"}""")).Rejection);
        var rejection = validator.Validate(Signed("""{"task":"digest","user":"carol","email":"carol@sub.example.org"}""")).Rejection!;
        Assert.Equal((403, "forbidden"), (rejection.Status, rejection.Error));
    }

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("203.0.114.7", false)]
    [InlineData("::ffff:203.0.113.9", true)]
    [InlineData("2001:db8:1::5", true)]
    [InlineData("2001:db9::5", false)]
    [InlineData("198.51.100.1", true)]
    [InlineData("198.51.100.2", false)]
    [InlineData("not-an-ip", false)]
    public void Source_ip_must_be_in_an_allowed_cidr(string sourceIp, bool allowed)
    {
        var validator = Validator(new() { ["ALLOWED_SOURCE_CIDRS"] = "203.0.113.0/24, 2001:db8::/32,198.51.100.1" });
        var rejection = validator.Validate(Signed(ValidBody, sourceIp: sourceIp)).Rejection;
        Assert.Equal(allowed ? null : 403, rejection?.Status);
    }

    [Fact]
    public void Bad_cidr_in_configuration_fails_naming_the_variable()
    {
        var error = Assert.Throws<FormatException>(() => ApiOptions.FromEnvironment(_ => "10.0.0.0/33", Secret));
        Assert.Contains("ALLOWED_SOURCE_CIDRS", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
