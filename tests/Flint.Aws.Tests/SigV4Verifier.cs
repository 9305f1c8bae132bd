using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Flint.Aws.Tests;

/// <summary>
/// An independent SigV4 check, written from AWS's published algorithm, so that the client's signature is
/// verified against something other than the SDK that made it.
/// </summary>
internal static class SigV4Verifier
{
    public sealed record Authorization(string AccessKey, string Date, string Region, string Service, string[] SignedHeaders, string Signature);

    public static Authorization Parse(string header)
    {
        const string Prefix = "AWS4-HMAC-SHA256 ";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("Not AWS4-HMAC-SHA256: " + header);
        }

        var parts = header[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            throw new FormatException("Bad credential scope: " + parts["Credential"]);
        }

        return new Authorization(scope[0], scope[1], scope[2], scope[3], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    public static string ExpectedSignature(HttpListenerRequest request, byte[] body, string secretKey)
    {
        var auth = Parse(request.Headers["Authorization"]!);
        var rawUrl = request.RawUrl!;
        var queryStart = rawUrl.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawUrl : rawUrl[..queryStart];
        var query = queryStart < 0 ? "" : rawUrl[(queryStart + 1)..];

        // Non-S3 services: every path segment as received is URI-encoded once more.
        var canonicalPath = string.Join('/', path.Split('/').Select(Encode));
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));
        var canonicalHeaders = string.Concat(auth.SignedHeaders.Select(h => h + ":" + string.Join(' ', (request.Headers[h] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "\n"));
        var canonicalRequest = string.Join('\n',
            request.HttpMethod, canonicalPath, canonicalQuery, canonicalHeaders, string.Join(';', auth.SignedHeaders), Hex(SHA256.HashData(body)));

        var amzDate = request.Headers["x-amz-date"]!;
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { auth.Date, auth.Region, auth.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Encode(string segment)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
