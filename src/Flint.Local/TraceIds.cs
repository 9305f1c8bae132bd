using System.Security.Cryptography;

namespace Flint.Local;

/// <summary>X-Ray trace headers in Lambda's form: <c>Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0</c>.</summary>
internal static class TraceIds
{
    public static string New()
    {
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return FormattableString.Invariant($"Root=1-{epoch:x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0");
    }
}
