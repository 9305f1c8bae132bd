using System.Text;

namespace Flint.Functions.Api;

/// <summary>Values from outside (a caller's address, a worker's error) as they go into a log line: one line, no control characters.</summary>
internal static class LogText
{
    /// <summary>
    /// <paramref name="value"/> with every control character written as <c>\uXXXX</c> (a CR or LF in a value could forge
    /// a log line of its own), cut at 512 characters; <c>-</c> for null.
    /// </summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return "-";
        }

        var text = value.Length > 512 ? value[..512] + "…" : value;
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
