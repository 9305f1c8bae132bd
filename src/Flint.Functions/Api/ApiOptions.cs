using System.Net;

namespace Flint.Functions.Api;

/// <summary>
/// The api's configuration, from environment variables:
/// <c>ALLOWED_USERS</c> and <c>ALLOWED_EMAIL_DOMAINS</c> (comma-separated; a request passes when its user
/// is listed OR its e-mail domain is; both unset lets every signed request through) and
/// <c>ALLOWED_SOURCE_CIDRS</c> (comma-separated IPv4/IPv6 CIDRs or single addresses; unset allows any source).
/// The HMAC secret comes from <c>API_SECRET</c> or the SSM SecureString named by <c>API_SECRET_PARAMETER</c>.
/// </summary>
internal sealed class ApiOptions
{
    /// <summary>Largest accepted body.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The shared HMAC key (UTF-8 bytes of the secret).</summary>
    public required byte[] Secret { get; init; }

    /// <summary>Users allowed by name (case-sensitive); empty with no domains means anyone.</summary>
    public IReadOnlySet<string> AllowedUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>E-mail domains allowed (exact match, case-insensitive, no subdomains).</summary>
    public IReadOnlySet<string> AllowedEmailDomains { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Source networks allowed; empty means any.</summary>
    public IReadOnlyList<IPNetwork> AllowedSourceNetworks { get; init; } = [];

    /// <summary>Reads the allow-lists; throws <see cref="FormatException"/> naming the variable for a bad CIDR.</summary>
    public static ApiOptions FromEnvironment(Func<string, string?> environment, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new FormatException("The api secret is empty.");
        }

        var networks = new List<IPNetwork>();
        foreach (var item in List(environment("ALLOWED_SOURCE_CIDRS")))
        {
            networks.Add(ParseNetwork(item));
        }

        return new ApiOptions
        {
            Secret = secret,
            AllowedUsers = new HashSet<string>(List(environment("ALLOWED_USERS")), StringComparer.Ordinal),
            AllowedEmailDomains = new HashSet<string>(List(environment("ALLOWED_EMAIL_DOMAINS")), StringComparer.OrdinalIgnoreCase),
            AllowedSourceNetworks = networks,
        };
    }

    /// <summary>True when <paramref name="sourceIp"/> is inside an allowed network (IPv4-mapped IPv6 counts as IPv4).</summary>
    public bool IsSourceAllowed(string? sourceIp)
    {
        if (AllowedSourceNetworks.Count == 0)
        {
            return true;
        }

        if (!IPAddress.TryParse(sourceIp, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in AllowedSourceNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the user or the e-mail's domain is allowed (or no such list is configured).</summary>
    public bool IsPrincipalAllowed(string user, string email)
    {
        if (AllowedUsers.Count == 0 && AllowedEmailDomains.Count == 0)
        {
            return true;
        }

        return AllowedUsers.Contains(user) || AllowedEmailDomains.Contains(EmailAddress.DomainOf(email));
    }

    internal static IPNetwork ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var single))
        {
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException($"ALLOWED_SOURCE_CIDRS has an entry that is not a CIDR or an address: '{text}'.");
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
