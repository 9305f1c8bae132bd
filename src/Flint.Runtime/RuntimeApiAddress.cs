using System.Globalization;

namespace Flint.Runtime;

/// <summary>
/// <c>AWS_LAMBDA_RUNTIME_API</c> taken apart: <c>host:port</c>, optionally followed by a path prefix
/// (<c>127.0.0.1:9001/fn/hello</c> sends requests to <c>/fn/hello/2018-06-01/runtime/...</c>).
/// </summary>
internal sealed record RuntimeApiAddress(string Host, int Port, string PathPrefix)
{
    /// <summary>The <c>Host</c> header value: <c>host:port</c>, IPv6 literals in brackets.</summary>
    public string Authority => (Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)
        + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The path every Runtime API call starts with: the prefix plus <c>/2018-06-01/runtime/</c>.</summary>
    public string RuntimePath => PathPrefix + "/2018-06-01/runtime/";

    public static RuntimeApiAddress Parse(string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(runtimeApi);
        var text = runtimeApi.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["http://".Length..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? text : text[..slash];
        var prefix = slash < 0 ? "" : text[slash..].TrimEnd('/');
        string host;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? authority[1..close] : "";
            portText = close > 0 && close + 1 < authority.Length && authority[close + 1] == ':' ? authority[(close + 2)..] : "";
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon > 0 ? authority[..colon] : "";
            portText = colon > 0 ? authority[(colon + 1)..] : "";
        }

        if (host.Length == 0
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535
            || prefix.AsSpan().IndexOfAny(" \r\n?#") >= 0)
        {
            throw new FormatException(
                $"AWS_LAMBDA_RUNTIME_API is \"{runtimeApi}\"; expected host:port, optionally followed by a path such as 127.0.0.1:9001/prefix.");
        }

        return new RuntimeApiAddress(host, port, prefix);
    }
}
