namespace Flint.Functions.Api;

/// <summary>
/// E-mail syntax as most systems accept it: <c>local@domain</c>, at most 254 characters; the local part
/// (at most 64) is RFC 5322 dot-atom text; the domain has at least two dot-separated labels of letters,
/// digits and inner hyphens (at most 63 each) and an alphabetic top-level label. Quoted local parts and
/// address literals are rejected on purpose.
/// </summary>
internal static class EmailAddress
{
    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>True when <paramref name="address"/> is acceptable.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > 254)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(address.AsSpan(at + 1));
    }

    /// <summary>The domain part, lowercased; call only on a valid address.</summary>
    public static string DomainOf(string address) => address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..].ToLowerInvariant();

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        foreach (var range in local.Split('.'))
        {
            var atom = local[range];
            if (atom.IsEmpty)
            {
                return false; // leading, trailing or doubled dot
            }

            foreach (var c in atom)
            {
                if (!char.IsAsciiLetterOrDigit(c) && !AtomSpecials.Contains(c, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var lastLabel = ReadOnlySpan<char>.Empty;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-'
                || label.ContainsAnyExcept(DomainChars))
            {
                return false;
            }

            labels++;
            lastLabel = label;
        }

        return labels >= 2 && lastLabel.Length >= 2 && !lastLabel.ContainsAnyExcept(Letters);
    }

    private static readonly System.Buffers.SearchValues<char> DomainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly System.Buffers.SearchValues<char> Letters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
}
