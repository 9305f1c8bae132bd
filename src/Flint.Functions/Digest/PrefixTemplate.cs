using System.Globalization;

namespace Flint.Functions.Digest;

/// <summary>
/// A key prefix with date placeholders, e.g. <c>logs/{yyyy}/{MM}/{dd}/</c>: <c>{yyyy}</c>, <c>{MM}</c>,
/// <c>{dd}</c> and <c>{date}</c> (yyyy-MM-dd). Any other <c>{…}</c> is rejected when the template is read,
/// so a typo fails at Init rather than digesting an empty prefix.
/// </summary>
internal sealed class PrefixTemplate
{
    private static readonly string[] Placeholders = ["{yyyy}", "{MM}", "{dd}", "{date}"];

    private PrefixTemplate(string template) => Template = template;

    /// <summary>The template as configured.</summary>
    public string Template { get; }

    /// <summary>
    /// The part before the first placeholder (<c>logs/</c> for <c>logs/{yyyy}/{MM}/{dd}/</c>): every day's prefix
    /// starts with it, and it is what the deployed roles may list and read (<c>s3:prefix</c> like <c>logs/*</c>).
    /// </summary>
    public string StaticPrefix => Template.IndexOf('{', StringComparison.Ordinal) is var open and >= 0 ? Template[..open] : Template;

    /// <summary>Reads a template; throws <see cref="FormatException"/> naming the unknown placeholder.</summary>
    public static PrefixTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var rest = template.AsSpan();
        while (true)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                break;
            }

            var close = rest[open..].IndexOf('}');
            if (close < 0)
            {
                throw new FormatException("The prefix template has a '{' without a closing '}'.");
            }

            var placeholder = rest.Slice(open, close + 1);
            if (Array.IndexOf(Placeholders, placeholder.ToString()) < 0)
            {
                throw new FormatException(
                    $"The prefix template has an unknown placeholder {placeholder}; use {{yyyy}}, {{MM}}, {{dd}} or {{date}}.");
            }

            rest = rest[(open + close + 1)..];
        }

        if (rest.Contains('}'))
        {
            throw new FormatException("The prefix template has a '}' without an opening '{'.");
        }

        return new PrefixTemplate(template);
    }

    /// <summary>The prefix for <paramref name="day"/>.</summary>
    public string For(DateOnly day) => Template
        .Replace("{yyyy}", day.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{MM}", day.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{dd}", day.Day.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{date}", DigestDay.ToText(day), StringComparison.Ordinal);
}
