using System.Security.Cryptography;
using System.Text;

namespace Flint.Functions.Api;

/// <summary>
/// The request signature: <c>X-Flint-Signature</c> = lowercase hex of
/// HMAC-SHA256(secret, <c>X-Flint-Timestamp</c> + "." + body bytes), where the timestamp is Unix seconds
/// as sent (ASCII digits) and the body is the exact bytes sent (after API Gateway's base64, if any).
/// </summary>
internal static class RequestSignature
{
    /// <summary>Header carrying the Unix time in seconds.</summary>
    public const string TimestampHeader = "x-flint-timestamp";

    /// <summary>Header carrying the hex HMAC.</summary>
    public const string SignatureHeader = "x-flint-signature";

    /// <summary>How far the timestamp may be from the server's clock, either way.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>The signature a client sends (lowercase hex).</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(secret, timestamp, body, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="signatureHex"/> is the signature of the timestamp and body (constant-time compare).</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body, string signatureHex)
    {
        ArgumentNullException.ThrowIfNull(signatureHex);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (signatureHex.Length != expected.Length * 2
            || Convert.FromHexString(signatureHex, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static void Compute(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }
}
