using System.Globalization;

namespace Flint.Functions.Digest;

/// <summary>Which UTC day a digest covers.</summary>
public static class DigestDay
{
    /// <summary>The date format used in inputs, report names and partial keys.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>
    /// <c>date</c> (or <c>detail.date</c>) when given; otherwise the UTC day before <c>time</c>; otherwise the
    /// UTC day before <paramref name="now"/>. Throws <see cref="DigestInputException"/> for a date that is not yyyy-MM-dd.
    /// </summary>
    public static DateOnly Resolve(DigestInput? input, DateTimeOffset now)
    {
        var named = input?.Date ?? input?.Detail?.Date;
        if (named is not null)
        {
            return Parse(named);
        }

        var scheduled = input?.Time ?? now;
        return DateOnly.FromDateTime(scheduled.UtcDateTime).AddDays(-1);
    }

    /// <summary>Parses yyyy-MM-dd exactly, or throws <see cref="DigestInputException"/>.</summary>
    public static DateOnly Parse(string date)
    {
        if (DateOnly.TryParseExact(date, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        throw new DigestInputException("The date must be yyyy-MM-dd, e.g. 2026-11-27.");
    }

    /// <summary>The day as yyyy-MM-dd.</summary>
    public static string ToText(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);
}
